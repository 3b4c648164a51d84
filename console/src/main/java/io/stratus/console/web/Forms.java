package io.stratus.console.web;

import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.TemplateInstance;
import io.stratus.console.api.ApiProblem;
import io.stratus.console.session.Session;

/** What every form that changes something checks first. */
final class Forms {
    private Forms() {
    }

    /**
     * Submits a form: what {@code attempt} answers (a redirect to what was made), or, when the API refuses what was
     * typed (400, 409, 422), the form again with the API's message, under the API's status. Other refusals go to the
     * error page.
     */
    static Response submit(Supplier<Response> attempt, Function<ApiProblem, TemplateInstance> refusedForm) {
        try {
            return attempt.get();
        } catch (ApiProblem problem) {
            if (!problem.aboutTheInput()) {
                throw problem;
            }
            return Response.status(problem.status()).entity(refusedForm.apply(problem)).build();
        }
    }

    /** Refuses (403) a change whose form token is not the session's: another site cannot submit our forms. */
    static void requireToken(Session session, String submitted) {
        if (!session.formTokenMatches(submitted)) {
            throw new ForbiddenException("the form is out of date or from another site; open the page again");
        }
    }
}
