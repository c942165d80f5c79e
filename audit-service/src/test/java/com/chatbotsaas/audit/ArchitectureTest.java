package com.chatbotsaas.audit;

import com.chatbotsaas.platform.test.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void followsTheHouseRules() {
        ArchitectureRules.check("audit");
    }
}
