package dev.gangway.cli;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A bad argument answered as git answers one: its message and a line pointing at the command's
 * help, not the whole usage (issue 27). A mistyped command name gets the commands nearest to it by
 * edit distance ("lst": gangway list), rather than picocli's shared-letter-pairs guess, which
 * offered "stop or start" for it once those commands came; an unknown option picocli's near ones.
 */
public final class Suggestions implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(ex.getMessage());
        List<String> near = ex instanceof UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")
                ? nearest(u.getUnmatched().get(0), cmd.getSubcommands().keySet()) : List.of();
        if (!near.isEmpty()) {
            err.println("Did you mean: " + String.join(" or ", near.stream().map(n -> cmd.getCommandName() + " " + n)
                    .toList()) + "?");
        } else if (ex instanceof UnmatchedArgumentException u && u.getUnmatched().contains("-p")) {
            err.println("The AWS profile is --profile (or -P); -p is the port, as in OpenSSH.");
        } else {
            UnmatchedArgumentException.printSuggestions(ex, err);
        }
        err.println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The names nearest {@code typed}, when at most two edits away (all that are equally near). */
    static List<String> nearest(String typed, Collection<String> names) {
        int best = names.stream().mapToInt(n -> distance(typed, n)).min().orElse(Integer.MAX_VALUE);
        return best > 2 ? List.of() : names.stream().filter(n -> distance(typed, n) == best).sorted().toList();
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
