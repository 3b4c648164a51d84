package io.stratus.cli;

/** A fault the chaos harness injected: after how many issued certificates, and how long until every service was ready again. */
record FiredFault(Fault fault, int atIssued, double recoverySeconds) {
}
