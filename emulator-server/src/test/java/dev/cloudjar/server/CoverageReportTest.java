package dev.cloudjar.server;

import dev.cloudjar.core.model.Protocol;
import dev.cloudjar.core.server.ServiceCoverage;
import dev.cloudjar.core.spi.ServiceDescriptor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoverageReportTest {

    /** With -Dcloudjar.coverage.write=true the report is rewritten instead of checked. */
    @Test
    void docsCoverageIsWhatTheServicesImplement() throws IOException {
        String report = CoverageReport.generate();
        if (Boolean.getBoolean("cloudjar.coverage.write")) {
            CoverageReport.write(CoverageReport.FILE, report);
        }
        String committed = Files.exists(CoverageReport.FILE)
                ? Files.readString(CoverageReport.FILE, StandardCharsets.UTF_8) : "";
        assertEquals(report, committed, "docs/COVERAGE.md is stale; regenerate it with: " + CoverageReport.REGENERATE);
    }

    @Test
    void eachServiceListsEveryModelOperationAndCountsTheImplementedOnes() {
        ServiceCoverage queue = new ServiceCoverage(new ServiceDescriptor("sqs", "sqs", Protocol.AWS_JSON_1_0,
                "sqs.json", "AmazonSQS", List.of(), false, List.of(Protocol.AWS_QUERY)),
                List.of("SendMessage", "CreateQueue", "DeleteQueue"), Set.of("CreateQueue"));
        String report = CoverageReport.render(List.of(queue));
        assertTrue(report.contains("| sqs | awsJson1_0, awsQuery | 1 of 3 (33%) |\n"), report);
        assertTrue(report.endsWith("## sqs\n\n- [x] CreateQueue\n- [ ] DeleteQueue\n- [ ] SendMessage\n"), report);
    }
}
