package com.chatbotsaas.notification.webhook;

import com.chatbotsaas.notification.Actions;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.idempotency.ShownOnce;
import com.chatbotsaas.platform.permission.RequiresPermission;
import com.chatbotsaas.platform.web.ApiException;
import com.chatbotsaas.platform.web.ApiResponse;
import com.chatbotsaas.platform.web.PageQuery;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Set;
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

@RestController
@RequestMapping("/api/v1/organizations/{orgId}/webhooks")
class WebhookController {

    private static final Set<String> STATUSES = Set.of("pending", "succeeded", "failed");

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping
    @ShownOnce("secret")
    @RequiresPermission("webhooks.manage")
    @Audited(action = Actions.WEBHOOK_CREATE, resourceType = "webhook")
    ResponseEntity<ApiResponse<WebhookResponse>> create(
            @PathVariable UUID orgId, @Valid @RequestBody WebhookRequests.Create request) {
        WebhookResponse webhook = webhooks.create(orgId, request);
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/webhooks/" + webhook.id()))
                .body(ApiResponse.of(
                        "Webhook created; store the secret now, it is not shown again"
                                + (webhook.warning() == null ? "" : ". " + webhook.warning()),
                        webhook));
    }

    @GetMapping
    @RequiresPermission("webhooks.manage")
    ApiResponse<List<WebhookResponse>> list(@PathVariable UUID orgId) {
        return ApiResponse.of("Webhooks retrieved", webhooks.list(orgId));
    }

    @GetMapping("/{webhookId}")
    @RequiresPermission("webhooks.manage")
    ApiResponse<WebhookResponse> get(@PathVariable UUID orgId, @PathVariable UUID webhookId) {
        return ApiResponse.of("Webhook retrieved", webhooks.get(orgId, webhookId));
    }

    @PatchMapping("/{webhookId}")
    @RequiresPermission("webhooks.manage")
    @Audited(action = Actions.WEBHOOK_UPDATE, resourceType = "webhook")
    ApiResponse<WebhookResponse> update(
            @PathVariable UUID orgId,
            @PathVariable UUID webhookId,
            @Valid @RequestBody WebhookRequests.Update request) {
        return ApiResponse.of("Webhook updated", webhooks.update(orgId, webhookId, request));
    }

    @PostMapping("/{webhookId}/rotate-secret")
    @ShownOnce("secret")
    @RequiresPermission("webhooks.manage")
    @Audited(action = Actions.WEBHOOK_UPDATE, resourceType = "webhook")
    ApiResponse<WebhookResponse> rotateSecret(@PathVariable UUID orgId, @PathVariable UUID webhookId) {
        return ApiResponse.of(
                "Secret rotated; store it now, it is not shown again", webhooks.rotateSecret(orgId, webhookId));
    }

    @DeleteMapping("/{webhookId}")
    @RequiresPermission("webhooks.manage")
    @Audited(action = Actions.WEBHOOK_DELETE, resourceType = "webhook")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID orgId, @PathVariable UUID webhookId) {
        webhooks.delete(orgId, webhookId);
    }

    @GetMapping("/{webhookId}/deliveries")
    @RequiresPermission("webhooks.manage")
    ApiResponse<List<DeliveryResponse>> deliveries(
            @PathVariable UUID orgId,
            @PathVariable UUID webhookId,
            @RequestParam(required = false) @Nullable String status,
            @RequestParam(required = false) @Nullable Integer page,
            @RequestParam(name = "per_page", required = false) @Nullable Integer perPage) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be one of pending, succeeded, failed");
        }
        PageQuery query = PageQuery.of(page, perPage);
        Webhooks.Page result = webhooks.deliveries(orgId, webhookId, status, query);
        return ApiResponse.page("Deliveries retrieved", result.items(), query.meta(result.total()));
    }

    @GetMapping("/{webhookId}/deliveries/{deliveryId}")
    @RequiresPermission("webhooks.manage")
    ApiResponse<DeliveryResponse> delivery(
            @PathVariable UUID orgId, @PathVariable UUID webhookId, @PathVariable UUID deliveryId) {
        return ApiResponse.of("Delivery retrieved", webhooks.delivery(orgId, webhookId, deliveryId));
    }

    @PostMapping("/{webhookId}/deliveries/{deliveryId}/redeliver")
    @RequiresPermission("webhooks.manage")
    @Audited(action = Actions.WEBHOOK_DELIVERY_REDELIVER, resourceType = "webhook_delivery")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ApiResponse<DeliveryResponse> redeliver(
            @PathVariable UUID orgId, @PathVariable UUID webhookId, @PathVariable UUID deliveryId) {
        return ApiResponse.of("Redelivery scheduled", webhooks.redeliver(orgId, webhookId, deliveryId));
    }
}
