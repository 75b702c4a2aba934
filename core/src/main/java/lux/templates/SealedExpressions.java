package lux.templates;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.el.ExtendedSyntaxBuilder;
import com.hubspot.jinjava.el.TruthyTypeConverter;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import java.util.Properties;
import jinjava.de.odysseus.el.ExpressionFactoryImpl;
import jinjava.de.odysseus.el.tree.Bindings;
import jinjava.de.odysseus.el.tree.TreeBuilder;
import jinjava.de.odysseus.el.tree.impl.Builder;
import jinjava.de.odysseus.el.tree.impl.Parser;
import jinjava.de.odysseus.el.tree.impl.ast.AstBracket;
import jinjava.de.odysseus.el.tree.impl.ast.AstDot;
import jinjava.de.odysseus.el.tree.impl.ast.AstIdentifier;
import jinjava.de.odysseus.el.tree.impl.ast.AstNode;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ExpressionFactory;

/**
 * Jinjava whose expression parser keeps {@code ____int3rpr3t3r____} to itself. Jinjava
 * passes the interpreter to every filter under that name and resolves it for any base
 * object, so a template that writes the name (or builds it as a string for
 * {@code x['…']}) would hold the interpreter and everything behind it. Here only the
 * parser's own filter and test calls may use the name; a template that does is refused.
 */
final class SealedExpressions {

    static final String INTERPRETER = ExtendedParser.INTERPRETER;

    private SealedExpressions() {
    }

    static Jinjava jinjava(JinjavaConfig config) {
        return new SealedJinjava(config);
    }

    private static RenderGuard.Refused reserved() {
        return RenderGuard.current()
            .refuse("\"" + INTERPRETER + "\" is a name reserved by the template engine;" + " templates cannot use it.");
    }

    private static final class SealedJinjava extends Jinjava {

        private final ExpressionFactory expressions = new Factory();

        SealedJinjava(JinjavaConfig config) {
            super(config);
        }

        @Override
        public ExpressionFactory getExpressionFactory() {
            return expressions;
        }

        @Override
        public ExpressionFactory getEagerExpressionFactory() {
            return expressions;
        }

    }

    private static final class Factory extends ExpressionFactoryImpl {

        Factory() {
            super(new Properties(), new TruthyTypeConverter());
        }

        @Override
        protected TreeBuilder createTreeBuilder(Properties properties, Builder.Feature... features) {
            return new SyntaxBuilder(features);
        }

    }

    private static final class SyntaxBuilder extends ExtendedSyntaxBuilder {

        private static final long serialVersionUID = 1L;

        SyntaxBuilder(Builder.Feature... features) {
            super(features);
        }

        @Override
        protected Parser createParser(String expression) {
            return new SealedParser(this, expression);
        }

    }

    private static final class SealedParser extends ExtendedParser {

        private boolean internal;

        SealedParser(Builder builder, String input) {
            super(builder, input);
        }

        @Override
        protected AstNode interpreter() {
            internal = true;
            try {
                return super.interpreter();
            }
            finally {
                internal = false;
            }
        }

        @Override
        protected AstIdentifier createAstIdentifier(String name, int index) {
            if (!internal && INTERPRETER.equals(name)) {
                throw reserved();
            }
            return super.createAstIdentifier(name, index);
        }

        @Override
        protected AstDot createAstDot(AstNode base, String property, boolean lvalue) {
            if (INTERPRETER.equals(property)) {
                throw reserved();
            }
            return super.createAstDot(base, property, lvalue);
        }

        @Override
        protected AstBracket createAstBracket(AstNode base, AstNode property, boolean lvalue, boolean strict) {
            return new AstBracket(base, property, lvalue, strict) {
                @Override
                protected Object getProperty(Bindings bindings, ELContext context) {
                    Object name = super.getProperty(bindings, context);
                    if (name != null && INTERPRETER.equals(name.toString())) {
                        throw reserved();
                    }
                    return name;
                }
            };
        }

    }

}
