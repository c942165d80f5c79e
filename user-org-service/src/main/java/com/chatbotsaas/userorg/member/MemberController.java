package com.chatbotsaas.userorg.member;

import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.permission.RequiresPermission;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.platform.web.PageQuery;
import com.chatbotsaas.userorg.Actions;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Members of an organization and the administration of its users (the seed's user management). */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}")
class MemberController {

    private final Memberships memberships;
    private final AccountCreation accounts;

    MemberController(Memberships memberships, AccountCreation accounts) {
        this.memberships = memberships;
        this.accounts = accounts;
    }

    @GetMapping("/members")
    @RequiresPermission("members.read")
    ApiResponse<List<MemberResponse>> list(
            @PathVariable UUID orgId,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(name = "per_page", required = false) @Nullable Integer perPage,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable String role,
            @RequestParam(required = false) @Nullable String q,
            @RequestParam(defaultValue = "joined_at") String sort) {
        PageQuery pageQuery = PageQuery.of(page, perPage);
        Map.Entry<List<MemberResponse>, Long> result =
                memberships.list(new MemberQuery(orgId, status, role, q, sort, pageQuery));
        return ApiResponse.page("Members retrieved", result.getKey(), pageQuery.meta(result.getValue()));
    }

    @PatchMapping("/members/{userId}")
    @RequiresPermission("members.manage")
    @Audited(action = Actions.MEMBER_UPDATE, resourceType = "membership")
    ApiResponse<MemberResponse> changeRole(
            @PathVariable UUID orgId,
            @PathVariable UUID userId,
            @Valid @RequestBody MemberRequests.ChangeRole request) {
        return ApiResponse.of("Member updated", memberships.changeRole(orgId, userId, request.role()));
    }

    @DeleteMapping("/members/{userId}")
    @RequiresPermission("members.manage")
    @Audited(action = Actions.MEMBER_REMOVE, resourceType = "membership")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID orgId, @PathVariable UUID userId) {
        memberships.remove(orgId, userId);
    }

    @PostMapping("/users")
    @RequiresPermission("members.manage")
    @Audited(action = Actions.USER_CREATE, resourceType = "user")
    ResponseEntity<ApiResponse<MemberResponse>> createUser(
            @PathVariable UUID orgId, @Valid @RequestBody MemberRequests.CreateUser request) {
        MemberResponse member = accounts.create(orgId, request);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/users/" + member.userId()))
                .body(ApiResponse.of("User created", member));
    }

    @GetMapping("/users/{userId}")
    @RequiresPermission("members.read")
    ApiResponse<MemberResponse> user(@PathVariable UUID orgId, @PathVariable UUID userId) {
        return ApiResponse.of("User retrieved", memberships.get(orgId, userId));
    }

    @PatchMapping("/users/{userId}")
    @RequiresPermission("members.manage")
    @Audited(action = Actions.USER_UPDATE, resourceType = "user")
    ApiResponse<MemberResponse> updateUser(
            @PathVariable UUID orgId,
            @PathVariable UUID userId,
            @Valid @RequestBody MemberRequests.UpdateUser request) {
        return ApiResponse.of("User updated", memberships.update(orgId, userId, request));
    }

    @DeleteMapping("/users/{userId}")
    @RequiresPermission("members.manage")
    @Audited(action = Actions.USER_DELETE, resourceType = "user")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteUser(@PathVariable UUID orgId, @PathVariable UUID userId) {
        memberships.remove(orgId, userId);
    }
}
