package io.jenkins.plugins.imagestreams.registry.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.Test;

public class LinkHeaderTest {
    @Test
    public void findsDistributionNextLink() {
        assertThat(LinkHeader.next(List.of("</v2/_catalog?last=demo%2Fmulti&n=3>; rel=\"next\"")))
                .contains("/v2/_catalog?last=demo%2Fmulti&n=3");
    }

    @Test
    public void findsNextAmongSeveralLinksAndUnquotedRel() {
        assertThat(
                        LinkHeader.next(
                                List.of(
                                        "<https://r/v2/a/tags/list?last=b>; rel=prev, <https://r/v2/a/tags/list?last=z&n=2>; rel=next")))
                .contains("https://r/v2/a/tags/list?last=z&n=2");
        assertThat(LinkHeader.next(List.of("<https://x/first>; rel=\"first\"", "</p2>; title=\"x\"; rel=\"next\"")))
                .contains("/p2");
    }

    @Test
    public void relationListContainingNextCounts() {
        assertThat(LinkHeader.next(List.of("</p2>; rel=\"last next\""))).contains("/p2");
    }

    @Test
    public void noNextLinkMeansLastPage() {
        assertThat(LinkHeader.next(List.of())).isEmpty();
        assertThat(LinkHeader.next(List.of("</p1>; rel=\"prev\""))).isEmpty();
        assertThat(LinkHeader.next(List.of("garbage"))).isEmpty();
    }
}
