package io.stratus.console.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.FormParam;

/**
 * The create-a-CA form as submitted, shown again with what was typed when the API refuses it, and turned into the
 * API's request body (docs/architecture.md, {@code POST .../authorities}).
 */
public class AuthorityForm {
    /** The API's names of the form's fields, for placing a refusal next to its field. */
    static final List<String> FIELDS = List.of("displayName", "parentId", "subject.commonName", "subject.organization",
            "subject.organizationalUnit", "subject.locality", "subject.state", "subject.country", "validityYears",
            "keyAlgorithm", "extendedKeyUsages");

    @FormParam("kind")
    public String kind = "ROOT";
    @FormParam("parentId")
    public String parentId;
    @FormParam("displayName")
    public String displayName = "";
    @FormParam("commonName")
    public String commonName = "";
    @FormParam("organization")
    public String organization = "";
    @FormParam("organizationalUnit")
    public String organizationalUnit = "";
    @FormParam("locality")
    public String locality = "";
    @FormParam("state")
    public String state = "";
    @FormParam("country")
    public String country = "";
    @FormParam("validityYears")
    public Integer validityYears;
    @FormParam("keyAlgorithm")
    public String keyAlgorithm = "RSA_2048";
    @FormParam("usage")
    public List<String> usages = new ArrayList<>();
    @FormParam("customUsages")
    public String customUsages = "";

    public boolean root() {
        return !"ISSUING".equals(kind);
    }

    /** The usages ticked and typed, as the API takes them (OIDs or names). */
    List<String> allUsages() {
        List<String> all = new ArrayList<>(usages == null ? List.of() : usages);
        if (customUsages != null) {
            Arrays.stream(customUsages.split("[,\\s]+")).map(String::trim).filter(s -> !s.isEmpty()).forEach(all::add);
        }
        return all;
    }

    Map<String, Object> body() {
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("commonName", blankToNull(commonName));
        subject.put("organization", blankToNull(organization));
        subject.put("organizationalUnit", blankToNull(organizationalUnit));
        subject.put("locality", blankToNull(locality));
        subject.put("state", blankToNull(state));
        subject.put("country", blankToNull(country));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", blankToNull(displayName));
        body.put("kind", root() ? "ROOT" : "ISSUING");
        body.put("parentId", root() ? null : blankToNull(parentId));
        body.put("subject", subject);
        body.put("validityYears", validityYears);
        body.put("keyAlgorithm", keyAlgorithm);
        body.put("extendedKeyUsages", allUsages());
        return body;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
