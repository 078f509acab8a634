package dev.meshlens.app.cli;

import dev.meshlens.app.pipeline.PipelineSettings;
import dev.meshlens.app.pipeline.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code meshlens topics}: the Kafka topics the pipeline reads and writes. */
@Command(name = "topics", mixinStandardHelpOptions = true, subcommands = TopicsCommand.Create.class,
        description = "Creates the pipeline's Kafka topics (Kafka Streams creates its internal ones itself).")
public final class TopicsCommand {

    /** {@code meshlens topics create}: creates the input, dead-letter and alert topics; existing ones are left as is. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates the input, dead-letter and alert topics with their retention and cleanup policy.",
                "Topics that exist already are reported and left as they are. Settings as for meshlens run."})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE",
                description = "Properties as for meshlens run: topic names, bootstrap.servers, TLS/SASL.")
        Path config;

        @Option(names = "--partitions", paramLabel = "N", defaultValue = "" + Topics.DEFAULT_PARTITIONS,
                description = "Partitions of each topic. Default: ${DEFAULT-VALUE}.")
        int partitions;

        @Option(names = "--replication-factor", paramLabel = "N",
                description = "Replicas of each partition. Default: the broker's default.replication.factor.")
        Short replicationFactor;

        @Override
        public Integer call() throws Exception {
            if (partitions < 1) {
                throw new ParameterException(spec.commandLine(), "--partitions must be 1 or more: " + partitions);
            }
            if (replicationFactor != null && replicationFactor < 1) {
                throw new ParameterException(spec.commandLine(),
                        "--replication-factor must be 1 or more: " + replicationFactor);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            PipelineSettings settings;
            try {
                settings = PipelineSettings.load(config, System.getenv());
            } catch (IllegalArgumentException e) {
                err.println("meshlens topics create: " + e.getMessage());
                return 2;
            }
            List<Topics.Definition> topics = Topics.of(settings);
            // The admin client gets the client settings meshlens run would use (TLS, SASL, admin.* overrides).
            Map<String, Object> admin = new StreamsConfig(settings.kafka()).getAdminConfigs("meshlens-topics");
            int failed = 0;
            try (Admin client = Admin.create(admin)) {
                CreateTopicsResult result = client.createTopics(topics.stream()
                        .map(t -> t.newTopic(Optional.of(partitions), Optional.ofNullable(replicationFactor))).toList());
                for (Topics.Definition topic : topics) {
                    if (!report(topic, result, out, err)) {
                        failed++;
                    }
                }
            }
            return failed == 0 ? 0 : 1;
        }

        /** Prints what happened to one topic; false when it failed. */
        private boolean report(Topics.Definition topic, CreateTopicsResult result, PrintWriter out, PrintWriter err)
                throws InterruptedException {
            try {
                result.values().get(topic.name()).get();
                out.printf("created %s (%s partitions, replication factor %s; %s): %s%n", topic.name(),
                        asCreated(result.numPartitions(topic.name())), asCreated(result.replicationFactor(topic.name())),
                        String.join(", ", topic.configPairs()), topic.purpose());
                return true;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    out.printf("exists  %s (left as it is): %s%n", topic.name(), topic.purpose());
                    return true;
                }
                err.printf("meshlens topics create: %s failed: %s%n", topic.name(), e.getCause());
                return false;
            }
        }

        /** What the broker says it created; brokers older than KIP-525 do not say. */
        private static String asCreated(KafkaFuture<Integer> value) throws InterruptedException {
            try {
                return value.get().toString();
            } catch (ExecutionException e) {
                return "?";
            }
        }
    }
}
