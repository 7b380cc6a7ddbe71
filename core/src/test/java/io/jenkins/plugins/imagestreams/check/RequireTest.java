package io.jenkins.plugins.imagestreams.check;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.Test;

public class RequireTest {
    @Test
    public void valuesThatAreAllTherePass() {
        assertThatCode(() -> Require.nonNull("source, target", "a", 1)).doesNotThrowAnyException();
    }

    @Test
    public void theFirstMissingValueIsNamedAsObjectsRequireNonNullNamesIt() {
        assertThatThrownBy(() -> Require.nonNull("source, target, image", "a", null, null))
                .isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("target");
        assertThatThrownBy(() -> Require.nonNull("source", (Object) null)).hasMessage("source");
    }

    @Test
    public void namesThatDoNotCountTheValuesAreRefused() {
        assertThatThrownBy(() -> Require.nonNull("source, target", "a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names 2 values, not 1");
    }
}
