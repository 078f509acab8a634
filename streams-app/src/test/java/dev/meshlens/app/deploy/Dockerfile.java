package dev.meshlens.app.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A Dockerfile as its build stages of instructions; continuation lines joined, comments dropped. */
record Dockerfile(List<Stage> stages) {

    record Instruction(String keyword, String arguments) {
    }

    record Stage(String image, String name, List<Instruction> instructions) {
        List<String> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }

        /** The variables its ENV instructions set ({@code KEY=VALUE} form). */
        Map<String, String> env() {
            Map<String, String> env = new LinkedHashMap<>();
            for (String arguments : all("ENV")) {
                for (String pair : arguments.split("\\s+")) {
                    int equals = pair.indexOf('=');
                    env.put(pair.substring(0, equals), pair.substring(equals + 1));
                }
            }
            return env;
        }
    }

    static Dockerfile parse(String text) {
        List<Stage> stages = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || stripped.isEmpty() && logical.isEmpty()) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                logical.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            logical.append(stripped);
            String[] parts = logical.toString().strip().split("\\s+", 2);
            logical.setLength(0);
            Instruction instruction = new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1] : "");
            if (instruction.keyword().equals("FROM")) {
                String[] from = instruction.arguments().split("\\s+");
                stages.add(new Stage(from[0], from.length == 3 ? from[2] : null, new ArrayList<>()));
            } else {
                stages.get(stages.size() - 1).instructions().add(instruction);
            }
        }
        return new Dockerfile(stages);
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst().orElseThrow();
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }
}
