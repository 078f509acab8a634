package dev.meshlens.parser.fuzz;

import dev.meshlens.parser.Seeds;
import dev.meshlens.parser.lines.Envelope;
import dev.meshlens.parser.lines.GeneratedFormat;
import dev.meshlens.parser.lines.Origin;
import dev.meshlens.parser.lines.Records;
import dev.meshlens.parser.lines.ValidLines;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Writes the committed seed corpus from the project's own line builders (never from captured logs), into
 * Jazzer's layout {@code <package>/<TestClass>Inputs/<method>/}. Run by hand (RELIABILITY.md says how) when
 * the builders learn new shapes; the fixed seed makes the output the same every time.
 */
public final class SeedCorpus {
    private final Path root;
    private final Random random = new Random(Seeds.of("fuzz", "seed-corpus"));

    private SeedCorpus(Path resources) {
        root = resources.resolve(SeedCorpus.class.getPackageName().replace('.', '/'));
    }

    public static void main(String[] args) throws IOException {
        SeedCorpus corpus = new SeedCorpus(Path.of(args[0]));
        corpus.lines();
        corpus.envelopes();
        corpus.formats();
    }

    /** Every generated format bare, in an envelope, and cut in the middle: for detection and forced formats. */
    private void lines() throws IOException {
        for (GeneratedFormat format : GeneratedFormat.all()) {
            byte[] bare = utf8(format.render(Records.any(random), random).text());
            byte[] wrapped = ValidLines.any(random, format).bytes();
            for (String method : List.of("autoDetection", "forcedFormats")) {
                write(AccessLogParserFuzzTest.class, method, format.label(), bare);
                write(AccessLogParserFuzzTest.class, method, format.label() + "-wrapped", wrapped);
                write(AccessLogParserFuzzTest.class, method, format.label() + "-cut",
                        Arrays.copyOf(bare, bare.length / 2));
            }
        }
    }

    /** Each envelope around a line of a detected format, alone and with a second envelope outside it. */
    private void envelopes() throws IOException {
        List<GeneratedFormat> detected = GeneratedFormat.all().stream().filter(GeneratedFormat::detected).toList();
        Envelope[] envelopes = Envelope.values();
        for (int i = 0; i < envelopes.length; i++) {
            GeneratedFormat format = detected.get(i % detected.size());
            byte[] line = utf8(format.render(Records.any(random), random).text());
            Envelope outer = envelopes[random.nextInt(envelopes.length)];
            write(EnvelopeFuzzTest.class, "envelopes", envelopes[i] + "-" + format.label(),
                    envelopeInput(line, envelopes[i]));
            write(EnvelopeFuzzTest.class, "envelopes", outer + "-" + envelopes[i] + "-" + format.label(),
                    envelopeInput(line, envelopes[i], outer));
        }
    }

    /** The input from which {@link EnvelopeFuzzTest#envelopes} builds {@code line} in these layers. */
    private byte[] envelopeInput(byte[] line, Envelope... layers) {
        Origin origin = Origin.random(random);
        FuzzedInput input = new FuzzedInput().number(layers.length, 1, EnvelopeFuzzTest.MAX_LAYERS);
        for (Envelope layer : layers) {
            input.number(layer.ordinal(), 0, Envelope.values().length - 1);
        }
        return input.number(origin.timeMillis(), EnvelopeFuzzTest.FIRST_MILLIS, EnvelopeFuzzTest.LAST_MILLIS)
                .number(random.nextInt())
                .bytes(utf8(origin.pod()), EnvelopeFuzzTest.MAX_NAME)
                .bytes(utf8(origin.container()), EnvelopeFuzzTest.MAX_NAME)
                .withRemaining(line);
    }

    /** Every Envoy format string the builders print, with a line it printed. */
    private void formats() throws IOException {
        for (GeneratedFormat format : GeneratedFormat.text()) {
            byte[] line = utf8(format.render(Records.any(random), random).text());
            write(FormatGrammarFuzzTest.class, "customFormats", format.label(), new FuzzedInput()
                    .bytes(utf8(format.formatString()), FormatGrammarFuzzTest.MAX_FORMAT).withRemaining(line));
        }
    }

    private void write(Class<?> target, String method, String name, byte[] input) throws IOException {
        Path dir = root.resolve(target.getSimpleName() + "Inputs").resolve(method);
        Files.createDirectories(dir);
        Files.write(dir.resolve("seed-" + name), input);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
