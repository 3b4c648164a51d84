package io.stratus.profile.entity;

import java.io.Serializable;
import java.util.Objects;

/** Primary key of {@link Device}: device ids are unique per tenant. */
public class DeviceKey implements Serializable {
    private static final long serialVersionUID = 1L;

    public String tenant;
    public String id;

    public DeviceKey() {
    }

    public DeviceKey(String tenant, String id) {
        this.tenant = tenant;
        this.id = id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceKey && Objects.equals(tenant, ((DeviceKey) other).tenant)
                && Objects.equals(id, ((DeviceKey) other).id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenant, id);
    }
}
