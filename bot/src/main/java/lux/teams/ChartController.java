package lux.teams;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves chart images for cards at {@code /charts/{id}.png}. */
@RestController
class ChartController {

    private final ChartStore charts;

    ChartController(ChartStore charts) {
        this.charts = charts;
    }

    @GetMapping("/charts/{id:[0-9a-f]{32}}.png")
    ResponseEntity<byte[]> chart(@PathVariable String id) {
        return charts.get(id)
            .map(png -> ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofHours(1)).cachePrivate())
                .body(png))
            .orElseGet(() -> ResponseEntity.notFound().build());
    }

}
