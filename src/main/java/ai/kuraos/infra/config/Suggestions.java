package ai.kuraos.infra.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** Finds the known name a mistyped one was most likely meant to be. */
public final class Suggestions {

    private Suggestions() {
    }

    /** The closest candidate by edit distance, if it is close enough to be a plausible typo. */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        return candidates.stream()
                .min(Comparator.comparingInt((String candidate) -> distance(typed.toLowerCase(), candidate.toLowerCase()))
                        .thenComparing(Comparator.naturalOrder()))
                .filter(candidate -> distance(typed.toLowerCase(), candidate.toLowerCase())
                        <= Math.max(2, candidate.length() / 3));
    }

    static int distance(String a, String b) {
        var previous = new int[b.length() + 1];
        var current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            var swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
