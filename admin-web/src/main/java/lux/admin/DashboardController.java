package lux.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lux.campaigns.CampaignService;
import lux.campaigns.CampaignStatus;
import lux.campaigns.CampaignView;
import lux.stats.CampaignStats;
import lux.stats.StatsService;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The first page after sign-in: campaigns by status, the latest campaigns and how their
 * mail was received.
 */
@Controller
class DashboardController {

    private final CampaignService campaigns;

    private final StatsService stats;

    private final ObjectMapper json;

    private final lux.campaigns.SendApprovalService approvals;

    DashboardController(CampaignService campaigns, StatsService stats, ObjectMapper json,
            lux.campaigns.SendApprovalService approvals) {
        this.approvals = approvals;
        this.campaigns = campaigns;
        this.stats = stats;
        this.json = json;
    }

    @GetMapping({ "/admin", "/admin/" })
    String dashboard(Model model) throws JsonProcessingException {
        Map<CampaignStatus, Long> byStatus = campaigns.countByStatus();
        model.addAttribute("byStatus", byStatus);
        model.addAttribute("awaitingApproval", approvals.pending().size());
        // Chart data travels in a data attribute: the CSP allows no inline script.
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("type", "bar");
        chart.put("labels", byStatus.keySet().stream().map(CampaignStatus::label).toList());
        chart.put("datasets", List.of(Map.of("label", "Campaigns", "data", List.copyOf(byStatus.values()))));
        model.addAttribute("statusChart", json.writeValueAsString(chart));
        List<CampaignView> recent = campaigns.list(null, PageRequest.of(0, 10)).getContent();
        model.addAttribute("recent", recent);
        // Engagement of the latest campaigns that went out: over time, and people against
        // machines.
        List<CampaignStats> sent = stats
            .compare(recent.stream().filter(c -> c.startedAt() != null).map(CampaignView::id).toList());
        model.addAttribute("engagementChart",
                json.writeValueAsString(Charts.timeline(sent.stream().flatMap(s -> s.timeline().stream()).toList())));
        model.addAttribute("humanOpens", sent.stream().mapToLong(s -> s.human().opens()).sum());
        model.addAttribute("machineOpens", sent.stream().mapToLong(s -> s.machine().opens()).sum());
        model.addAttribute("humanClicks", sent.stream().mapToLong(s -> s.human().clicks()).sum());
        model.addAttribute("machineClicks", sent.stream().mapToLong(s -> s.machine().clicks()).sum());
        return "admin/dashboard";
    }

}
