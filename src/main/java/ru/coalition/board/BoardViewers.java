package ru.coalition.board;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

/** Who looks at the board in this request: a member, a support agent, or a visitor (anyone else reads as a visitor). */
@RequestScoped
public class BoardViewers {

    @Inject
    CurrentUser user;

    @Inject
    MemberService members;

    private Board.Viewer viewer;

    public Board.Viewer current() {
        if (viewer == null) {
            viewer = resolve();
        }
        return viewer;
    }

    private Board.Viewer resolve() {
        if (!user.isAuthenticated()) {
            return Board.Viewer.VISITOR;
        }
        if (isStaff()) {
            return new Board.Viewer(null, true, user.displayName());
        }
        if (user.hasRole(Roles.MEMBER)) {
            return members.byKeycloakId(user.subject()).map(m -> new Board.Viewer(m.id, false, null)).orElse(Board.Viewer.VISITOR);
        }
        return Board.Viewer.VISITOR;
    }

    public boolean isStaff() {
        return user.isAuthenticated() && (user.hasRole(Roles.SUPPORT_AGENT) || user.hasRole(Roles.SUPPORT_SUPERVISOR));
    }

    /** The calling member (the resource allowed members only). */
    public Member member() {
        return members.requireByKeycloakId(user.subject());
    }

    public String staffName() {
        return user.displayName();
    }

    static ProblemException notFound() {
        return new ProblemException(ErrorCode.BOARD_POST_NOT_FOUND);
    }
}
