package io.jenkins.plugins.imagestreams.notify;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/** Every source answers garbage with {@link MalformedNotificationException}, never another exception. */
@RunWith(Parameterized.class)
public class MalformedNotificationTest {
    @Parameterized.Parameters(name = "{0}")
    public static Collection<Object[]> sources() {
        List<Object[]> all = new ArrayList<>();
        for (NotificationSource source : NotificationSource.values()) {
            all.add(new Object[] {source});
        }
        return all;
    }

    private final NotificationSource source;

    public MalformedNotificationTest(NotificationSource source) {
        this.source = source;
    }

    @Test
    public void emptyBodyIsMalformed() {
        assertMalformed("");
    }

    @Test
    public void textThatIsNotJsonIsMalformed() {
        assertMalformed("image pushed!");
    }

    @Test
    public void truncatedJsonIsMalformed() {
        assertMalformed("{\"events\":[{\"action\":\"push\"");
    }

    @Test
    public void arrayRootIsMalformed() {
        assertMalformed("[]");
    }

    @Test
    public void emptyObjectIsMalformed() {
        assertMalformed("{}");
    }

    @Test
    public void trailingGarbageIsMalformed() {
        assertMalformed("{} {}");
    }

    @Test
    public void duplicateKeysAreMalformed() {
        assertMalformed("{\"action\":\"push\",\"action\":\"pull\"}");
    }

    @Test
    public void deepNestingIsMalformed() {
        assertMalformed("{\"a\":".repeat(200) + "1" + "}".repeat(200));
    }

    @Test
    public void invalidUtf8IsMalformed() {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> source.parse(body)).isInstanceOf(MalformedNotificationException.class);
    }

    private void assertMalformed(String body) {
        assertThatThrownBy(() -> source.parse(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedNotificationException.class)
                .hasMessageStartingWith(source.pathName());
    }
}
