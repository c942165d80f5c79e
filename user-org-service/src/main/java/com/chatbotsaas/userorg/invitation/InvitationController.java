package com.chatbotsaas.userorg.invitation;

import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.permission.RequiresPermission;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.userorg.Actions;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
class InvitationController {

    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    @PostMapping("/api/v1/organizations/{orgId}/invitations")
    @RequiresPermission("members.manage")
    @Audited(action = Actions.INVITATION_CREATE, resourceType = "invitation")
    ResponseEntity<ApiResponse<InvitationResponse>> create(
            @PathVariable UUID orgId, @Valid @RequestBody CreateInvitationRequest request) {
        InvitationResponse invitation = invitations.create(orgId, request);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/invitations/" + invitation.id()))
                .body(ApiResponse.of("Invitation sent", invitation));
    }

    /**
     * Adding a person to an organization is inviting them: nobody becomes a member without accepting, and the answer
     * is the same whether or not the email has an account.
     */
    @PostMapping("/api/v1/organizations/{orgId}/members")
    @RequiresPermission("members.manage")
    @Audited(action = Actions.INVITATION_CREATE, resourceType = "invitation")
    ResponseEntity<ApiResponse<InvitationResponse>> addMember(
            @PathVariable UUID orgId, @Valid @RequestBody AddMemberRequest request) {
        if (request.userId() != null) {
            throw ApiException.invalid(
                    "user_id", "is not accepted: members are invited by email and join on accepting");
        }
        if (request.email() == null || request.email().isBlank()) {
            throw ApiException.invalid("email", "is required");
        }
        InvitationResponse invitation =
                invitations.create(orgId, new CreateInvitationRequest(request.email(), request.role()));
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/organizations/" + orgId + "/invitations/" + invitation.id()))
                .body(ApiResponse.of("Invitation sent; the person joins on accepting it", invitation));
    }

    @GetMapping("/api/v1/organizations/{orgId}/invitations")
    @RequiresPermission("members.manage")
    ApiResponse<List<InvitationResponse>> list(@PathVariable UUID orgId) {
        return ApiResponse.of("Invitations retrieved", invitations.pending(orgId));
    }

    @DeleteMapping("/api/v1/organizations/{orgId}/invitations/{invitationId}")
    @RequiresPermission("members.manage")
    @Audited(action = Actions.INVITATION_REVOKE, resourceType = "invitation")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID orgId, @PathVariable UUID invitationId) {
        invitations.revoke(orgId, invitationId);
    }

    /** The invitee, logged in with the invited email, joins the organization. */
    @PostMapping("/api/v1/invitations/{token}/accept")
    @Audited(action = Actions.INVITATION_ACCEPT, resourceType = "invitation")
    ApiResponse<Map<String, Object>> accept(@PathVariable String token) {
        return ApiResponse.of("Invitation accepted", invitations.accept(token));
    }
}
