package io.stratus.cli;

/** Shared steps of the commands that need a running stack. */
final class Stacks {
    private Stacks() {
    }

    /** The running stack's configuration, starting it first if anything is missing. */
    static StackConfig ensureUp(LocalStack stack) {
        if (stack.fullyRunning()) {
            return stack.config().orElseThrow();
        }
        return stack.up(UpRequest.reuse());
    }
}
