package dev.connector.sonarcloud.sim;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The WireMock extension that turns a request into the simulated SonarQube Cloud answer. It only runs for stubs that
 * name it, and it keeps what the stub set otherwise (a fixed delay, for {@link SonarCloudSimulator#slow}).
 */
final class SonarTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "sonarcloud-simulator";

    private final Router router;

    SonarTransformer(Router router) {
        this.router = router;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Reply reply = router.handle(ApiRequest.of(serveEvent.getRequest()));
        List<HttpHeader> headers = new ArrayList<>();
        if (reply.contentType() != null) {
            headers.add(new HttpHeader("Content-Type", reply.contentType()));
        }
        reply.headers().forEach((name, value) -> headers.add(new HttpHeader(name, value)));
        ResponseDefinitionBuilder response = ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
                .withStatus(reply.status())
                .withHeaders(new HttpHeaders(headers));
        if (reply.body() != null) {
            response.withBody(reply.body().getBytes(StandardCharsets.UTF_8));
        }
        return response.build();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }
}
