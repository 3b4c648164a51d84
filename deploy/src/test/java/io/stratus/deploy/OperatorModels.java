package io.stratus.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * Typed models of the CloudNativePG (postgresql.cnpg.io/v1) and KEDA (keda.sh/v1alpha1) objects, for
 * {@link StrictSchemas}: neither project publishes a Java model on Maven Central. Written from their API references,
 * they hold the fields those APIs define at the levels the manifests use (not every optional field of every level);
 * required fields are marked, enumerations are Java enums. A field that is not here fails the check: if the API
 * really has it, add it here with its type.
 */
final class OperatorModels {

    private OperatorModels() {
    }

    // ---- CloudNativePG ---------------------------------------------------------------------------------------

    record Cluster(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) ObjectMeta metadata, @JsonProperty(required = true) ClusterSpec spec) {
    }

    record ClusterSpec(@JsonProperty(required = true) int instances, String imageName, String description,
            @JsonProperty(required = true) Storage storage, Storage walStorage, Bootstrap bootstrap, Managed managed,
            AffinityConfiguration affinity, ResourceRequirements resources, Map<String, Object> postgresql,
            Map<String, Object> monitoring, String primaryUpdateStrategy, String primaryUpdateMethod,
            Boolean enableSuperuserAccess, SecretReference superuserSecret) {
    }

    record Storage(@JsonProperty(required = true) String size, String storageClass, Boolean resizeInUseVolumes) {
    }

    record Bootstrap(InitDb initdb) {
    }

    record InitDb(@JsonProperty(required = true) String database, @JsonProperty(required = true) String owner,
            SecretReference secret, String encoding, String localeCollate, String localeCType, Boolean dataChecksums,
            List<String> options, List<String> postInitSQL, List<String> postInitTemplateSQL,
            List<String> postInitApplicationSQL) {
    }

    record SecretReference(@JsonProperty(required = true) String name) {
    }

    record Managed(List<RoleConfiguration> roles) {
    }

    enum EnsureOption {
        present, absent
    }

    record RoleConfiguration(@JsonProperty(required = true) String name, String comment, EnsureOption ensure,
            SecretReference passwordSecret, Boolean disablePassword, String validUntil, Integer connectionLimit,
            Boolean superuser, Boolean createdb, Boolean createrole, Boolean inherit, Boolean login,
            Boolean replication, Boolean bypassrls, List<String> inRoles) {
    }

    enum PodAntiAffinityType {
        preferred, required
    }

    record AffinityConfiguration(Boolean enablePodAntiAffinity, String topologyKey,
            PodAntiAffinityType podAntiAffinityType, Map<String, String> nodeSelector) {
    }

    // ---- KEDA ------------------------------------------------------------------------------------------------

    record ScaledObject(@JsonProperty(required = true) String apiVersion, @JsonProperty(required = true) String kind,
            @JsonProperty(required = true) ObjectMeta metadata,
            @JsonProperty(required = true) ScaledObjectSpec spec) {
    }

    record ScaledObjectSpec(@JsonProperty(required = true) ScaleTarget scaleTargetRef, Integer pollingInterval,
            Integer cooldownPeriod, Integer idleReplicaCount, Integer minReplicaCount, Integer maxReplicaCount,
            @JsonProperty(required = true) List<ScaleTrigger> triggers) {
    }

    record ScaleTarget(@JsonProperty(required = true) String name, String apiVersion, String kind,
            String envSourceContainerName) {
    }

    enum MetricType {
        AverageValue, Value, Utilization
    }

    /** A trigger's metadata is a map of strings: KEDA's CRD refuses numbers there. */
    record ScaleTrigger(@JsonProperty(required = true) String type, String name, MetricType metricType,
            Boolean useCachedMetrics, @JsonProperty(required = true) Map<String, String> metadata,
            AuthenticationRef authenticationRef) {
    }

    enum AuthenticationKind {
        TriggerAuthentication, ClusterTriggerAuthentication
    }

    record AuthenticationRef(@JsonProperty(required = true) String name, AuthenticationKind kind) {
    }

    record TriggerAuthentication(@JsonProperty(required = true) String apiVersion,
            @JsonProperty(required = true) String kind, @JsonProperty(required = true) ObjectMeta metadata,
            @JsonProperty(required = true) TriggerAuthenticationSpec spec) {
    }

    record TriggerAuthenticationSpec(List<SecretTargetRef> secretTargetRef, List<EnvTargetRef> env) {
    }

    record SecretTargetRef(@JsonProperty(required = true) String parameter, @JsonProperty(required = true) String name,
            @JsonProperty(required = true) String key) {
    }

    record EnvTargetRef(@JsonProperty(required = true) String parameter, @JsonProperty(required = true) String name,
            String containerName) {
    }
}
