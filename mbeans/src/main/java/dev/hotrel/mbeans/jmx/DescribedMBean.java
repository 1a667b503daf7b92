package dev.hotrel.mbeans.jmx;

import javax.management.AttributeNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.ReflectionException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationEmitter;
import javax.management.StandardEmitterMBean;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An MXBean whose MBeanInfo says what things mean: descriptions, parameter names and impact come
 * from {@link Description}, {@link Name} and {@link Action} on the interface, so that JConsole and
 * Jolokia's {@code list} show an operator real names instead of {@code p0}. Also a notification
 * emitter when given one.
 *
 * <p>Operations are matched to interface methods by name and parameter count: management
 * interfaces here have no overloads.
 */
public final class DescribedMBean<T> extends StandardEmitterMBean {

    private final Class<T> type;

    /** @param emitter where notifications come from, or null for an MBean that sends none */
    public DescribedMBean(T implementation, Class<T> type, NotificationEmitter emitter) {
        super(implementation, type, true, emitter == null ? new NotificationBroadcasterSupport() : emitter);
        this.type = type;
    }

    @Override
    protected String getDescription(MBeanInfo info) {
        Description d = type.getAnnotation(Description.class);
        return d != null ? d.value() : super.getDescription(info);
    }

    @Override
    protected String getDescription(MBeanAttributeInfo info) {
        return getter(info.getName()).map(m -> m.getAnnotation(Description.class)).map(Description::value)
                .orElse(super.getDescription(info));
    }

    @Override
    protected String getDescription(MBeanOperationInfo info) {
        return operation(info).map(m -> m.getAnnotation(Description.class)).map(Description::value)
                .orElse(super.getDescription(info));
    }

    @Override
    protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return parameter(op, sequence).map(p -> p.getAnnotation(Name.class)).map(Name::value)
                .orElse(super.getParameterName(op, param, sequence));
    }

    @Override
    protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
        return parameter(op, sequence).map(p -> p.getAnnotation(Description.class)).map(Description::value)
                .orElse(super.getDescription(op, param, sequence));
    }

    @Override
    protected int getImpact(MBeanOperationInfo info) {
        return operation(info).map(m -> m.isAnnotationPresent(Action.class) ? MBeanOperationInfo.ACTION : MBeanOperationInfo.INFO)
                .orElse(MBeanOperationInfo.UNKNOWN);
    }

    /** Moves {@link Operation}-marked getters from the attributes to the operations. */
    @Override
    public MBeanInfo getMBeanInfo() {
        MBeanInfo info = super.getMBeanInfo();
        List<MBeanAttributeInfo> attributes = new ArrayList<>();
        List<MBeanOperationInfo> operations = new ArrayList<>(Arrays.asList(info.getOperations()));
        for (MBeanAttributeInfo a : info.getAttributes()) {
            Optional<Method> getter = getter(a.getName()).filter(m -> m.isAnnotationPresent(Operation.class));
            if (getter.isPresent()) {
                operations.add(new MBeanOperationInfo(getter.get().getName(), a.getDescription(), new MBeanParameterInfo[0],
                        a.getType(), MBeanOperationInfo.INFO, a.getDescriptor()));
            } else {
                attributes.add(a);
            }
        }
        return new MBeanInfo(info.getClassName(), info.getDescription(), attributes.toArray(MBeanAttributeInfo[]::new),
                info.getConstructors(), operations.toArray(MBeanOperationInfo[]::new), info.getNotifications(),
                info.getDescriptor());
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) throws MBeanException, ReflectionException {
        if ((params == null || params.length == 0) && action.startsWith("get")) {
            String attribute = action.substring(3);
            if (getter(attribute).filter(m -> m.isAnnotationPresent(Operation.class)).isPresent()) {
                try {
                    return getAttribute(attribute);
                } catch (AttributeNotFoundException e) {
                    throw new ReflectionException(e, action);
                } catch (MBeanException e) {
                    throw unwrapped(e); // as below: a getter-shaped operation fails with its own message too
                }
            }
        }
        try {
            return super.invoke(action, params, signature);
        } catch (MBeanException e) {
            throw unwrapped(e);
        }
    }

    /**
     * The JDK wraps an MBeanException thrown by the implementation in another one whose message is
     * the inner one's {@code toString()}; clients should see the implementation's own message.
     */
    private static MBeanException unwrapped(MBeanException e) {
        return e.getTargetException() instanceof MBeanException inner ? inner : e;
    }


    private Optional<Method> getter(String attribute) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getParameterCount() == 0
                        && (m.getName().equals("get" + attribute) || m.getName().equals("is" + attribute)))
                .findFirst();
    }

    private Optional<Method> operation(MBeanOperationInfo info) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(info.getName()) && m.getParameterCount() == info.getSignature().length)
                .findFirst();
    }

    private Optional<Parameter> parameter(MBeanOperationInfo op, int sequence) {
        return operation(op).map(m -> m.getParameters()[sequence]);
    }
}
