package org.vigil.cli;

import java.io.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.vigil.ward.BrokerAddress;
import org.vigil.ward.PasswordHash;
import org.vigil.ward.WardTopics;
import org.vigil.ward.WardUser;
import org.vigil.ward.WardUsers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** ./run.sh ward-users add|remove|list: the log-ins of a ward's embedded broker (central --users FILE). */
@Command(name = "ward-users", mixinStandardHelpOptions = true,
        description = {"Who may log in to the central station's embedded MQTT broker (./run.sh central --users FILE): edge boxes, each",
                "only on its own room's and beds' topics; nurse stations, which read the ward and send acknowledgements; other centrals.",
                "Passwords are stored hashed (PBKDF2-SHA256); the file is written owner-only."},
        subcommands = {WardUsersCommand.Add.class, WardUsersCommand.Remove.class, WardUsersCommand.ListUsers.class})
public class WardUsersCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.err.println("say what: ./run.sh ward-users add|remove|list --help");
        return 2;
    }

    /** Adds or replaces a log-in. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a log-in (or replaces its password and rights). The password comes from $" + BrokerAddress.PASSWORD_ENV
                    + " (the same variable the edge or station then logs in with), else it is asked for; never from the command line."})
    static class Add implements Callable<Integer> {
        @Option(names = "--users", required = true, paramLabel = "FILE", description = "The users file (created when missing).")
        Path file;

        @Parameters(index = "0", paramLabel = "NAME", description = "The user name; for an edge box its edge id (the room), as in edge --id.")
        String name;

        @Option(names = "--role", required = true, description = "edge, station or central.")
        String role;

        @Option(names = "--beds", split = ",", paramLabel = "BED,...", description = "An edge's beds: the only bed topics it may publish to.")
        List<String> beds = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            try {
                WardUser.Role r = WardUser.Role.parse(role);
                WardTopics.check("user", name);
                char[] password = password();
                if (password == null || password.length == 0) {
                    System.err.println("no password: set $" + BrokerAddress.PASSWORD_ENV + " or run where it can be asked for");
                    return 2;
                }
                WardUsers users = WardUsers.load(file);
                boolean replaced = users.find(name).isPresent();
                users.with(new WardUser(name, r, r == WardUser.Role.EDGE ? beds : List.of(), PasswordHash.hash(password))).save(file);
                java.util.Arrays.fill(password, '\0');
                System.out.println((replaced ? "replaced " : "added ") + r.wire() + " '" + name + "'"
                        + (r == WardUser.Role.EDGE ? " (beds " + String.join(", ", beds) + ")" : "") + " in " + file);
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 2;
            }
        }

        private static char[] password() {
            String env = System.getenv(BrokerAddress.PASSWORD_ENV);
            if (env != null) return env.toCharArray();
            Console c = System.console();
            return c == null ? null : c.readPassword("password: ");
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a log-in (a running central keeps the list it started with).")
    static class Remove implements Callable<Integer> {
        @Option(names = "--users", required = true, paramLabel = "FILE") Path file;
        @Parameters(index = "0", paramLabel = "NAME") String name;

        @Override
        public Integer call() throws Exception {
            WardUsers users = WardUsers.load(file);
            if (users.find(name).isEmpty()) {
                System.err.println("no user '" + name + "' in " + file);
                return 2;
            }
            users.without(name).save(file);
            System.out.println("removed '" + name + "' from " + file);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the log-ins (never their hashes).")
    static class ListUsers implements Callable<Integer> {
        @Option(names = "--users", required = true, paramLabel = "FILE") Path file;

        @Override
        public Integer call() throws Exception {
            for (WardUser u : WardUsers.load(file).all()) {
                System.out.println(u.name() + "\t" + u.role().wire() + (u.beds().isEmpty() ? "" : "\t" + String.join(",", u.beds())));
            }
            return 0;
        }
    }
}
