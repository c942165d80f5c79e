package com.chatbotsaas.userorg.organization;

import java.util.UUID;

/** What other features need to know of a live organization. */
public record OrganizationView(UUID id, String name, OrganizationStatus status, String plan) {

    public boolean active() {
        return status == OrganizationStatus.ACTIVE;
    }
}
