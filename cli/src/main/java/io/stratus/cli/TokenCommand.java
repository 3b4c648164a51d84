package io.stratus.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Print the local admin bearer token (all roles, all tenants). Use: curl -H \"Authorization: Bearer $(stratus token)\" ...")
final class TokenCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @Override
    public Integer call() {
        StackDir dir = main.stackDir();
        main.out().println(new Secrets(dir).adminToken());
        return 0;
    }
}
