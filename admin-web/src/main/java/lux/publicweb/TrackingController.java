package lux.publicweb;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Base64;
import lux.tracking.TrackingService;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The open pixel and click redirect. A token that does not verify is a plain 404 and writes nothing; clicks go
 * only to the URL stored for the campaign, never to one in the request. HEAD answers without counting.
 */
@RestController
class TrackingController {
    /** The classic 1x1 transparent GIF89a, 43 bytes. */
    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");
    private final TrackingService tracking;

    TrackingController(TrackingService tracking) {
        this.tracking = tracking;
    }

    @RequestMapping(value = "/t/o/{token}", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<byte[]> open(@PathVariable String token, @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String agent,
                                HttpServletRequest request) {
        if (!tracking.open(token, agent, "HEAD".equals(request.getMethod()))) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore()).build();
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
                .contentType(MediaType.IMAGE_GIF).contentLength(PIXEL.length).body(PIXEL);
    }

    @RequestMapping(value = "/t/c/{token}", method = {RequestMethod.GET, RequestMethod.HEAD})
    ResponseEntity<Void> click(@PathVariable String token, @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String agent,
                               HttpServletRequest request) {
        return tracking.click(token, agent, "HEAD".equals(request.getMethod()))
                .map(url -> ResponseEntity.status(HttpStatus.FOUND).location(URI.create(url)).cacheControl(CacheControl.noStore())
                        .<Void>build())
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore()).build());
    }
}
