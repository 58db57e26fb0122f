package ai.kuraos.infra.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SuggestionsTest {

    private static final List<String> KEYS = List.of("network", "artifactRegistry", "deletionProtection", "labels");

    @Test
    void suggestsTheKnownNameATypoWasMeantToBe() {
        assertThat(Suggestions.closest("netwrok", KEYS)).contains("network");
        assertThat(Suggestions.closest("deletionprotection", KEYS)).contains("deletionProtection");
        assertThat(Suggestions.closest("artifactRegistery", KEYS)).contains("artifactRegistry");
    }

    @Test
    void suggestsNothingWhenNoNameIsClose() {
        assertThat(Suggestions.closest("colour", KEYS)).isEmpty();
        assertThat(Suggestions.closest("x", List.of())).isEmpty();
    }

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
