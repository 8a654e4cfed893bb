package statelab.notebooks;

import java.util.Map;
import jdk.jshell.execution.LocalExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's local execution engine (snippets run in this JVM, about 30 ms each, with the kernel's classpath),
 * changed in one respect: it keeps the exception a snippet threw. JShell itself hands back only the exception's
 * class name and message as text; the kernel shows the real exception, with its causes and stack.
 */
final class SnippetExecution extends LocalExecutionControl {

    private volatile Throwable lastThrown;

    /** The exception the last failing snippet threw, once; null if none. */
    Throwable takeLastThrown() {
        Throwable thrown = lastThrown;
        lastThrown = null;
        return thrown;
    }

    @Override
    protected String throwConvertedInvocationException(Throwable cause)
            throws ExecutionControl.RunException, ExecutionControl.InternalException {
        lastThrown = cause;
        return super.throwConvertedInvocationException(cause);
    }

    /** Hands JShell this engine and keeps hold of it. */
    static final class Provider implements ExecutionControlProvider {
        private volatile SnippetExecution current;

        @Override
        public String name() {
            return "statelab-local";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            current = new SnippetExecution();
            return current;
        }

        SnippetExecution current() {
            return current;
        }
    }
}
