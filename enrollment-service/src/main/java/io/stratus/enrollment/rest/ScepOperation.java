package io.stratus.enrollment.rest;

/** The SCEP {@code operation} query values this server answers. */
final class ScepOperation {

    static final String GET_CA_CAPS = "GetCACaps";
    static final String GET_CA_CERT = "GetCACert";
    static final String GET_NEXT_CA_CERT = "GetNextCACert";
    static final String PKI_OPERATION = "PKIOperation";

    private ScepOperation() {
    }

    /** The canonical name of an operation (any case), or null when it is not one of these. */
    static String canonical(String operation) {
        if (operation == null) {
            return null;
        }
        for (String known : new String[] {GET_CA_CAPS, GET_CA_CERT, GET_NEXT_CA_CERT, PKI_OPERATION}) {
            if (known.equalsIgnoreCase(operation.trim())) {
                return known;
            }
        }
        return null;
    }
}
