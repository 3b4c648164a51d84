package io.stratus.console.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.FormParam;

/** The trusted certificate profile form: a CA of the tenant, installed in a store of a platform's devices. */
public class TrustedProfileForm {
    static final List<String> FIELDS = List.of("name", "platform", "certificatePem", "store", "authorityId");
    static final List<String> STORES = List.of("COMPUTER_ROOT", "COMPUTER_INTERMEDIATE", "USER_INTERMEDIATE");

    @FormParam("name")
    public String name = "";
    @FormParam("platform")
    public String platform = "WINDOWS";
    @FormParam("authorityId")
    public String authorityId;
    @FormParam("store")
    public String store = "COMPUTER_ROOT";

    /** The body with the chosen CA's certificate. */
    Map<String, Object> body(String certificatePem) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name == null || name.isBlank() ? null : name.trim());
        body.put("platform", platform);
        body.put("certificatePem", certificatePem);
        body.put("store", store);
        body.put("authorityId", authorityId);
        return body;
    }
}
