package com.chatbotsaas.auth.session;

import com.chatbotsaas.auth.Actions;
import com.chatbotsaas.platform.audit.Audited;
import com.chatbotsaas.platform.security.Caller;
import com.chatbotsaas.platform.web.ApiResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth/sessions")
class SessionController {

    private final UserSessions sessions;

    SessionController(UserSessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping
    ApiResponse<List<SessionView>> list() {
        Caller caller = Caller.current();
        List<SessionView> mine = sessions.list(caller.id(), caller.token().getClaimAsString("sid"));
        return ApiResponse.page("Sessions retrieved", mine, Map.of("total", mine.size()));
    }

    @DeleteMapping("/{sessionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Audited(action = Actions.AUTH_SESSION_REVOKE, resourceType = "session")
    void revoke(@PathVariable String sessionId) {
        sessions.end(Caller.current().id(), sessionId);
    }
}
