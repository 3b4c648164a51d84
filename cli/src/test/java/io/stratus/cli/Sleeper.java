package io.stratus.cli;

/** A process for pid tests: sleeps until killed (at most two minutes). */
public final class Sleeper {
    private Sleeper() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("sleeping");
        System.out.flush();
        Thread.sleep(120_000);
    }

    /** Starts a Sleeper JVM whose command line carries {@code markers}. */
    static Process start(String... markers) throws java.io.IOException {
        java.util.List<String> cmd = new java.util.ArrayList<>();
        cmd.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx32m");
        cmd.addAll(java.util.List.of(markers));
        cmd.addAll(java.util.List.of("-cp", System.getProperty("java.class.path"), Sleeper.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().read(); // wait until it runs
        return p;
    }
}
