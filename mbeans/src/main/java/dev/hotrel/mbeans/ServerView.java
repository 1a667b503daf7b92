package dev.hotrel.mbeans;

import dev.hotrel.mbeans.jmx.DescribedMBean;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.ReflectionException;

/**
 * The registered form of a {@link ServerBean}: the same attributes, operations and descriptions as
 * a {@link DescribedMBean} of {@link ServerMXBean} (JConsole and Jolokia see no difference), but
 * with one {@link MBeanInfo} shared by every server instead of a standard MBean's per-instance
 * introspection, caches and broadcaster. A node may run a hundred thousand servers; this object is
 * two references.
 */
final class ServerView implements DynamicMBean {

    /** Built once from the interface's annotations, by the same code as every other MBean's. */
    private static final MBeanInfo INFO = new DescribedMBean<>(new ServerBean(null, null, null), ServerMXBean.class, null)
            .getMBeanInfo();

    final ServerBean bean;

    ServerView(ServerBean bean) {
        this.bean = bean;
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        return switch (attribute) {
            case "Status" -> bean.getStatus();
            case "Version" -> bean.getVersion();
            case "QueueLength" -> bean.getQueueLength();
            case "Restarts" -> bean.getRestarts();
            default -> throw new AttributeNotFoundException("a Server MBean has no attribute " + attribute
                    + "; it has Status, Version, QueueLength and Restarts");
        };
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException("the attributes of a Server MBean are read-only: " + attribute.getName());
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        AttributeList list = new AttributeList();
        for (String name : attributes) {
            try {
                list.add(new Attribute(name, getAttribute(name)));
            } catch (AttributeNotFoundException e) {
                // As a standard MBean does: an unknown attribute is left out of the list.
            }
        }
        return list;
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String action, Object[] params, String[] signature) throws MBeanException, ReflectionException {
        if (params != null && params.length > 0) {
            throw new ReflectionException(new NoSuchMethodException(action + " with " + params.length + " argument(s)"),
                    "a Server MBean's operations take no arguments: suspend(), resume(), getState()");
        }
        switch (action) {
            case "suspend" -> {
                bean.suspend();
                return null;
            }
            case "resume" -> {
                bean.resume();
                return null;
            }
            case "getState" -> {
                return bean.getState();
            }
            default -> throw new ReflectionException(new NoSuchMethodException(action),
                    "a Server MBean has no operation " + action + "; it has suspend(), resume() and getState()");
        }
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        return INFO;
    }
}
