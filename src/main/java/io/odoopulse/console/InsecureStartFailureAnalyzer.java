package io.odoopulse.console;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says plainly why the start was refused, instead of a bean-creation stack trace. */
class InsecureStartFailureAnalyzer extends AbstractFailureAnalyzer<OperatorAccounts.InsecureStartException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, OperatorAccounts.InsecureStartException cause) {
        return new FailureAnalysis(cause.getMessage(), "Configure pulse.security.users or pulse.security.tokens "
                + "(docs/operators.md), or set server.address=127.0.0.1.", cause);
    }
}
