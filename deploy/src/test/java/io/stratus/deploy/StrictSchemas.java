package io.stratus.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Every kind of object the manifests hold, parsed as its API's typed model with nothing let through: a field the
 * model does not have, a value of the wrong type (a number where the API wants a string) or a missing kind fails, with
 * the object and the field's path. Kubernetes, the Prometheus Operator (fabric8) and Strimzi have Java models on Maven
 * Central (Strimzi's with a few fields its v1 API dropped, refused here by name); CloudNativePG and KEDA do not, so {@link OperatorModels} types the parts of their APIs the manifests use,
 * written from their API references.
 */
final class StrictSchemas {

    /** apiVersion/kind → the model it must parse as. */
    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", OperatorModels.Cluster.class),
            Map.entry("keda.sh/v1alpha1/ScaledObject", OperatorModels.ScaledObject.class),
            Map.entry("keda.sh/v1alpha1/TriggerAuthentication", OperatorModels.TriggerAuthentication.class));

    private static final ObjectMapper STRICT = strictMapper();

    private StrictSchemas() {
    }

    /** What is wrong with this object against its schema; empty when it parses. */
    static List<String> problems(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String name = type + " " + object.path("metadata").path("name").asText("(no name)");
        Class<?> model = MODELS.get(type);
        List<String> problems = new ArrayList<>();
        if (model == null) {
            problems.add(name + ": no schema for this apiVersion and kind (a typo, or a kind to add to StrictSchemas)");
            return problems;
        }
        if (object.path("metadata").path("name").asText().isEmpty()) {
            problems.add(name + ": metadata.name is missing");
        }
        if (type.startsWith("kafka.strimzi.io/v1/")) {
            droppedInStrimziV1(object).forEach(field -> problems.add(name + ": " + field
                    + " is not in the kafka.strimzi.io/v1 API (Strimzi 1.x)"));
        }
        try {
            STRICT.treeToValue(object, model);
        } catch (JsonMappingException e) {
            problems.add(name + ": " + e.getOriginalMessage() + " at " + path(e));
        } catch (Exception e) {
            problems.add(name + ": " + e.getMessage());
        }
        return problems;
    }

    /**
     * The fields Strimzi's Java model (0.51, the last for Java 17) still has from v1beta2 and the v1 API dropped: the
     * ZooKeeper and JmxTrans parts, brokers and storage on the Kafka resource (node pools hold them), the entity
     * operator's TLS sidecar and the single ACL operation.
     */
    private static List<String> droppedInStrimziV1(JsonNode object) {
        List<String> dropped = new ArrayList<>();
        JsonNode spec = object.path("spec");
        for (String field : List.of("zookeeper", "jmxTrans")) {
            if (spec.has(field)) {
                dropped.add("spec." + field);
            }
        }
        for (String field : List.of("replicas", "storage")) {
            if ("Kafka".equals(object.path("kind").asText()) && spec.path("kafka").has(field)) {
                dropped.add("spec.kafka." + field);
            }
        }
        if (spec.path("entityOperator").has("tlsSidecar")) {
            dropped.add("spec.entityOperator.tlsSidecar");
        }
        for (JsonNode acl : spec.path("authorization").path("acls")) {
            if (acl.has("operation")) {
                dropped.add("spec.authorization.acls[].operation (use operations)");
            }
        }
        return dropped;
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            path.append(step.getFieldName() != null ? "." + step.getFieldName() : "[" + step.getIndex() + "]");
        }
        return path.length() == 0 ? "(top)" : path.substring(path.charAt(0) == '.' ? 1 : 0);
    }

    /**
     * The models keep unknown fields in an "additional properties" map (their any-setters), which would accept a
     * misspelt field without a word; this mapper has no any-setters, so an unknown field fails. Nor does it turn
     * numbers or booleans into strings, which the API server refuses.
     */
    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
            @Override
            public Boolean hasAnySetter(Annotated annotated) {
                return Boolean.FALSE;
            }
        });
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
