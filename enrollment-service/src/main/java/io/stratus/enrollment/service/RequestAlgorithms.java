package io.stratus.enrollment.service;

import java.util.List;
import java.util.Set;

import io.stratus.crypto.scep.ScepAlgorithmPolicy;
import io.stratus.crypto.scep.ScepServer;
import io.stratus.enrollment.config.EnrollmentConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which request algorithms each CA accepts, and so what its GetCACaps says. Every CA takes AES-CBC content encryption
 * and SHA-2 digests, and nothing else, unless it is listed: {@code stratus.enrollment.legacy-algorithms-for} adds 3DES
 * and SHA-1 (advertised as {@code DES3} and {@code SHA-1}) for older clients; {@code stratus.enrollment.des-allowed-for}
 * adds single DES on top of those (micromdm's scepclient 2.1 sends DES and SHA-1 whatever GetCACaps says). MD5 is
 * never accepted. {@code *} lists every CA.
 */
@ApplicationScoped
public class RequestAlgorithms {

    private static final ScepServer MODERN = new ScepServer(new ScepAlgorithmPolicy(false, false, false, false));
    private static final ScepServer OLDER_CLIENTS = new ScepServer(new ScepAlgorithmPolicy(false, true, false, true));
    private static final ScepServer WITH_SINGLE_DES = new ScepServer(new ScepAlgorithmPolicy(true, true, false, true));
    private static final List<String> OLDER_CLIENT_CAPABILITIES = List.of("DES3", "SHA-1");

    private final Set<String> legacyFor;
    private final Set<String> desFor;

    public RequestAlgorithms(EnrollmentConfig config) {
        this.legacyFor = Set.copyOf(config.legacyAlgorithmsFor().orElse(List.of()));
        this.desFor = Set.copyOf(config.desAllowedFor().orElse(List.of()));
    }

    /** The SCEP server that decodes requests to this CA under its algorithm policy. */
    public ScepServer serverFor(String authorityId) {
        if (listed(desFor, authorityId)) {
            return WITH_SINGLE_DES;
        }
        return listed(legacyFor, authorityId) ? OLDER_CLIENTS : MODERN;
    }

    /** The GetCACaps lines this CA adds for its older algorithms (none unless it is listed). */
    public List<String> extraCapabilities(String authorityId) {
        return serverFor(authorityId) == MODERN ? List.of() : OLDER_CLIENT_CAPABILITIES;
    }

    private static boolean listed(Set<String> ids, String authorityId) {
        return ids.contains(authorityId) || ids.contains("*");
    }
}
