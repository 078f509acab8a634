package dev.meshlens.app.it;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a {@link KafkaCluster} to any test method, constructor or lifecycle method that asks for one. There
 * is one broker per test run: started on first use and kept in the root context's store, which closes it
 * after the last test class, so each class pays only for its own topics.
 */
public final class KafkaClusterExtension implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(KafkaClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaCluster.class;
    }

    @Override
    public KafkaCluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KafkaCluster.class, type -> startCluster(), KafkaCluster.class);
    }

    private static KafkaCluster startCluster() {
        try {
            KafkaCluster cluster = KafkaCluster.start();
            System.out.println("Kafka for the integration tests: " + cluster.description());
            return cluster;
        } catch (Exception e) {
            throw new ParameterResolutionException("could not start a Kafka broker for the integration tests", e);
        }
    }
}
