package lux.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The first page after sign-in: campaigns by status and the latest campaigns. */
@Controller
class DashboardController {
    private final CampaignService campaigns;

    private final ObjectMapper json;

    DashboardController(CampaignService campaigns, ObjectMapper json) {
        this.campaigns = campaigns;
        this.json = json;
    }

    @GetMapping({"/admin", "/admin/"})
    String dashboard(Model model) throws JsonProcessingException {
        Map<CampaignStatus, Long> byStatus = campaigns.countByStatus();
        model.addAttribute("byStatus", byStatus);
        // Chart data travels in a data attribute: the CSP allows no inline script.
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "bar");
        chart.put("labels", byStatus.keySet().stream().map(CampaignStatus::label).toList());
        chart.put("datasets", List.of(Map.of("label", "Campaigns", "data", List.copyOf(byStatus.values()))));
        model.addAttribute("statusChart", json.writeValueAsString(chart));
        model.addAttribute("recent", campaigns.list(null, PageRequest.of(0, 10)).getContent());
        return "admin/dashboard";
    }
}
