package io.stratus.cli;

/**
 * One process of a service: replica 1 is the service itself (its name, its port); replicas 2 and on of the
 * services that scale out ({@link Service#replicable()}) are named {@code <service>-<n>} and listen 100 ports
 * further per replica.
 */
record ServiceInstance(Service service, int replica) {
    static final int PORT_STEP = 100;

    ServiceInstance {
        if (replica < 1 || replica > 1 && !service.replicable()) {
            throw new IllegalArgumentException(service.id() + " has no replica " + replica);
        }
    }

    static ServiceInstance of(Service service) {
        return new ServiceInstance(service, 1);
    }

    /** Process name: pid file, log and CPU line. */
    String name() {
        return replica == 1 ? service.id() : service.id() + "-" + replica;
    }

    int port(StackConfig config) {
        return config.port(service) + PORT_STEP * (replica - 1);
    }

    String baseUrl(StackConfig config) {
        return "http://localhost:" + port(config);
    }
}
