package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class CommandParsingTest {

    private static ParseResult parse(String... args) {
        return Main.commandLine(Map.of()).parseArgs(args);
    }

    private static <T> T command(ParseResult r, Class<T> type) {
        return type.cast(r.subcommand().commandSpec().userObject());
    }

    @Test
    void upOptionsBecomeARequest() {
        ParseResult r = parse("--dir", "/tmp/x", "up", "--ca-port", "9001", "--pg-port", "9002", "--free-ports", "--timeout", "7");
        Main main = (Main) r.commandSpec().userObject();
        assertEquals(Path.of("/tmp/x"), main.dir);
        UpRequest req = command(r, UpCommand.class).request();
        assertEquals(Map.of(Service.CA, 9001), req.servicePorts());
        assertEquals(9002, req.pgPort());
        assertNull(req.kafkaPort());
        assertTrue(req.freePorts());
        assertEquals(Duration.ofSeconds(7), req.timeout());
        assertTrue(req.hasExplicitPorts());
    }

    @Test
    void upDefaultsReuseTheLastPorts() {
        UpRequest req = command(parse("up"), UpCommand.class).request();
        assertFalse(req.hasExplicitPorts());
        assertFalse(req.freePorts());
        assertEquals(UpRequest.DEFAULT_TIMEOUT, req.timeout());
    }

    @Test
    void outOfRangePortIsRefused() {
        UpCommand up = command(parse("up", "--ca-port", "70000"), UpCommand.class);
        assertThrows(IllegalArgumentException.class, up::request);
        assertEquals(1, run("up", "--ca-port", "0").code());
    }

    @Test
    void demoAndBenchDefaultsAndOptions() {
        DemoCommand demo = command(parse("demo"), DemoCommand.class);
        assertEquals(25, demo.devices); // what the README promises
        assertEquals("demo", demo.tenant);
        assertNull(demo.outDir);
        demo = command(parse("demo", "--devices", "5", "--out", "out"), DemoCommand.class);
        assertEquals(5, demo.devices);
        assertEquals(Path.of("out"), demo.outDir);

        BenchCommand bench = command(parse("bench", "--devices", "1000", "--concurrency", "16", "--json"), BenchCommand.class);
        assertEquals(1000, bench.devices);
        assertEquals(16, bench.concurrency);
        assertTrue(bench.json);
        assertTrue(command(parse("status", "--json"), StatusCommand.class).json);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("bogus").code());
        assertEquals(2, run("demo", "--devices", "many").code());
        Result r = run("bench", "--nope");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--nope"), r.err());
        assertEquals(1, run("demo", "--devices", "0").code());
    }

    @Test
    void helpAndVersion() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String c : new String[] {"up", "down", "status", "token", "demo", "bench"}) {
            assertTrue(r.out().contains(c), r.out());
        }
        assertTrue(run("--version").out().startsWith("stratus "));
    }

    @Test
    void profileServiceEditVerbsParse() {
        UserCommand.Update user = command(parse("user", "update", "alice", "--onprem-dn", "CN=A").subcommand(), UserCommand.Update.class);
        assertEquals("CN=A", user.onPremDn);
        UserCommand.Update alias = command(parse("user", "update", "alice", "--on-prem-dn", "CN=B").subcommand(), UserCommand.Update.class);
        assertEquals("CN=B", alias.onPremDn);
        assertEquals("CN=C", command(parse("user", "create", "--upn", "a@b", "--onprem-dn", "CN=C").subcommand(), UserCommand.Create.class).onPremDn);

        GroupCommand.Update toStatic = command(parse("group", "update", "g1", "--static").subcommand(), GroupCommand.Update.class);
        assertTrue(toStatic.membership.makeStatic);
        assertNull(toStatic.membership.rule);
        assertNull(command(parse("group", "update", "g1", "--name", "N").subcommand(), GroupCommand.Update.class).membership);
        assertThrows(CommandLine.ParameterException.class, () -> parse("group", "update", "g1", "--rule", "x", "--static"));

        DeviceCommand.ListDevices devices = command(parse("device", "list").subcommand(), DeviceCommand.ListDevices.class);
        assertEquals(100, devices.page.limit());
        assertEquals(0, devices.page.offset());
        DeviceCommand.Update device = command(parse("device", "update", "d1", "--primary-user", "").subcommand(), DeviceCommand.Update.class);
        assertEquals("", device.primaryUser);
        assertNull(device.serial);
        assertEquals(ProfileCommand.ProfileType.TRUSTED,
                command(parse("profile", "list", "--type", "trusted").subcommand(), ProfileCommand.ListProfiles.class).type);
        assertNull(command(parse("profile", "list").subcommand(), ProfileCommand.ListProfiles.class).type);
    }

    @Test
    void stateDirectoryComesFromOptionThenEnvironment() {
        Main fromEnv = (Main) new CommandLine(new Main(Map.of(Main.ENV_HOME, "/srv/stratus"))).parseArgs("status")
                .commandSpec().userObject();
        assertEquals(Path.of("/srv/stratus"), fromEnv.stackDir().root());
        Main fromOption = (Main) new CommandLine(new Main(Map.of(Main.ENV_HOME, "/srv/stratus"))).parseArgs("--dir", "/x", "status")
                .commandSpec().userObject();
        assertEquals(Path.of("/x"), fromOption.stackDir().root());
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(env, new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }
}
