package io.stratus.profile.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.config.ProfileConfig;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.Device;
import io.stratus.profile.messaging.OutboxRelay;
import io.stratus.profile.rest.dto.DeviceRegistration;
import io.stratus.profile.rest.dto.ImportResult;
import io.stratus.profile.rest.dto.UserRegistration;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Bulk import of devices and users: every row is checked like a single registration; valid rows are stored
 * with multi-row inserts ({@code insert ... select from unnest(arrays)}), one transaction per batch; rows whose
 * id (or UPN) already exists are reported, not overwritten. Imported devices without an identity key get
 * FAILED deployments until they register one.
 */
@ApplicationScoped
public class BulkImporter {

    public static final int MAX_ROWS = 200_000;
    public static final List<String> DEVICE_COLUMNS = List.of("id", "name", "platform", "serialNumber",
            "identityPublicKey", "imei", "wifiMacAddress", "primaryUserId");
    public static final List<String> USER_COLUMNS = List.of("id", "userPrincipalName", "email", "givenName",
            "surname", "onPremDistinguishedName", "onPremSamAccountName");

    /** One batch of devices as a JSON array of rows; the ids actually inserted come back. */
    private static final String INSERT_DEVICES = "with inserted as (insert into device (tenant, id, name, platform,"
            + " serial_number, identity_public_key, imei, wifi_mac, primary_user_id, created_at)"
            + " select :tenant, r.id, r.name, r.platform, r.serial_number, r.identity_public_key, r.imei, r.wifi_mac,"
            + " r.primary_user_id, now() from json_to_recordset(cast(cast(:rows as text) as json)) as r(id text, name text,"
            + " platform text, serial_number text, identity_public_key text, imei text, wifi_mac text,"
            + " primary_user_id text) on conflict do nothing returning id) select id from inserted";
    private static final String INSERT_USERS = "insert into app_user (tenant, id, upn, email, given_name, surname,"
            + " on_prem_dn, sam_account_name, created_at)"
            + " select $1, r.*, now() from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[],"
            + " $7::text[], $8::text[]) as r on conflict do nothing returning id";

    private final Pool pool;
    private final int batchSize;
    private final DynamicMembership dynamic;
    private final OutboxRelay relay;
    private final ObjectMapper json = new ObjectMapper();

    public BulkImporter(Pool pool, ProfileConfig config, DynamicMembership dynamic, OutboxRelay relay) {
        this.pool = pool;
        this.batchSize = config.importBatchSize();
        this.dynamic = dynamic;
        this.relay = relay;
    }

    public static DeviceRegistration deviceRow(Map<String, String> csv) {
        return new DeviceRegistration(csv.get("id"), csv.get("name"), csv.get("platform"), csv.get("serialNumber"),
                csv.get("identityPublicKey"), csv.get("imei"), csv.get("wifiMacAddress"), csv.get("primaryUserId"));
    }

    public static UserRegistration userRow(Map<String, String> csv) {
        return new UserRegistration(csv.get("id"), csv.get("userPrincipalName"), csv.get("email"),
                csv.get("givenName"), csv.get("surname"), csv.get("onPremDistinguishedName"),
                csv.get("onPremSamAccountName"));
    }

    /**
     * Checks and stores devices, one transaction per batch: the batch's devices, their dynamic group memberships
     * (rules evaluated in memory for the batch) and the assignments those memberships bring, with their events in
     * the outbox. Blocking: call it from a worker thread.
     */
    public Uni<ImportResult> importDevices(String tenant, List<DeviceRegistration> rows) {
        checkSize(rows);
        List<ImportResult.Rejected> rejected = new ArrayList<>();
        Map<Integer, Device> valid = validate(rows, rejected,
                row -> InventoryRules.device(tenant, row, false), device -> device.id);
        Set<String> userIds = new HashSet<>();
        valid.values().stream().filter(device -> device.primaryUserId != null)
                .forEach(device -> userIds.add(device.primaryUserId));
        Set<String> known = knownUsers(tenant, userIds).await().indefinitely();
        valid.entrySet().removeIf(entry -> {
            String user = entry.getValue().primaryUserId;
            if (user != null && !known.contains(user)) {
                rejected.add(new ImportResult.Rejected(entry.getKey(), "primaryUserId names the unknown user '"
                        + user + "' in tenant " + tenant));
                return true;
            }
            return false;
        });
        List<Integer> rowNumbers = new ArrayList<>(valid.keySet());
        int imported = 0;
        MembershipChange membership = MembershipChange.NONE;
        for (int from = 0; from < rowNumbers.size(); from += batchSize) {
            List<Integer> batchRows = rowNumbers.subList(from, Math.min(rowNumbers.size(), from + batchSize));
            List<Device> batch = batchRows.stream().map(valid::get).toList();
            DeviceBatch stored = storeDeviceBatch(tenant, batch);
            for (int i = 0; i < batch.size(); i++) {
                if (!stored.ids().contains(batch.get(i).id)) {
                    rejected.add(new ImportResult.Rejected(batchRows.get(i), "device '" + batch.get(i).id
                            + "' already exists in tenant " + tenant));
                }
            }
            imported += stored.ids().size();
            membership = membership.plus(stored.membership());
            relay.wake();
        }
        rejected.sort(java.util.Comparator.comparingInt(ImportResult.Rejected::row));
        Log.infof("imported %d devices into tenant %s, %d rows rejected; dynamic groups: %d members added, %d"
                + " assignments sent", imported, tenant, rejected.size(), membership.added(),
                membership.counts().assigned());
        return Uni.createFrom().item(new ImportResult(imported, List.copyOf(rejected)));
    }

    private record DeviceBatch(Set<String> ids, MembershipChange membership) {
    }

    private DeviceBatch storeDeviceBatch(String tenant, List<Device> batch) {
        String json = deviceJson(batch);
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                    .chain(session -> session.createNativeQuery(INSERT_DEVICES).setParameter("tenant", tenant)
                            .setParameter("rows", json).getResultList())
                    .chain(ids -> {
                        Set<String> stored = new HashSet<>();
                        ids.forEach(id -> stored.add(String.valueOf(id)));
                        List<Device> inserted = batch.stream().filter(device -> stored.contains(device.id)).toList();
                        Map<String, Set<String>> usersByDevice = new HashMap<>();
                        inserted.stream().filter(device -> device.primaryUserId != null)
                                .forEach(device -> usersByDevice.put(device.id, Set.of(device.primaryUserId)));
                        return dynamic.devicesChanged(tenant, inserted)
                                .call(() -> dynamic.primaryUsersChanged(tenant, usersByDevice))
                                .map(change -> new DeviceBatch(stored, change));
                    })));
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("importing a batch of devices failed", e);
        }
    }

    private String deviceJson(List<Device> devices) {
        ArrayNode rows = json.createArrayNode();
        for (Device device : devices) {
            ObjectNode row = rows.addObject();
            row.put("id", device.id);
            row.put("name", device.name);
            row.put("platform", device.platform.name());
            row.put("serial_number", device.serialNumber);
            row.put("identity_public_key", device.identityPublicKey);
            row.put("imei", device.imei);
            row.put("wifi_mac", device.wifiMacAddress);
            row.put("primary_user_id", device.primaryUserId);
        }
        return rows.toString();
    }

    public Uni<ImportResult> importUsers(String tenant, List<UserRegistration> rows) {
        checkSize(rows);
        List<ImportResult.Rejected> rejected = new ArrayList<>();
        Map<Integer, AppUser> valid = validate(rows, rejected, row -> InventoryRules.user(tenant, row),
                user -> user.id);
        Map<String, Integer> upns = new HashMap<>();
        valid.entrySet().removeIf(entry -> {
            Integer first = upns.putIfAbsent(entry.getValue().upn.toLowerCase(java.util.Locale.ROOT),
                    entry.getKey());
            if (first != null) {
                rejected.add(new ImportResult.Rejected(entry.getKey(), "userPrincipalName '" + entry.getValue().upn
                        + "' is also on row " + first));
                return true;
            }
            return false;
        });
        return insertAll(tenant, valid, rejected, INSERT_USERS, BulkImporter::userColumns, user -> user.id,
                "user (or its userPrincipalName)")
                .invoke(result -> Log.infof("imported %d users into tenant %s, %d rows rejected", result.imported(),
                        tenant, result.rejected().size()));
    }

    private static void checkSize(List<?> rows) {
        if (rows == null || rows.isEmpty()) {
            throw ProblemException.badRequest("the import holds no rows");
        }
        if (rows.size() > MAX_ROWS) {
            throw ProblemException.badRequest("at most " + MAX_ROWS + " rows per import, not " + rows.size());
        }
    }

    /** Valid rows by 1-based row number, in order; in-file duplicate ids are rejected. */
    private static <R, E> Map<Integer, E> validate(List<R> rows, List<ImportResult.Rejected> rejected,
            Function<R, E> rule, Function<E, String> id) {
        Map<Integer, E> valid = new java.util.LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            int row = i + 1;
            R request = rows.get(i);
            if (request == null) {
                rejected.add(new ImportResult.Rejected(row, "the row is empty"));
                continue;
            }
            try {
                E entity = rule.apply(request);
                Integer first = seen.putIfAbsent(id.apply(entity), row);
                if (first != null) {
                    rejected.add(new ImportResult.Rejected(row, "id '" + id.apply(entity) + "' is also on row "
                            + first));
                } else {
                    valid.put(row, entity);
                }
            } catch (ProblemException e) {
                rejected.add(new ImportResult.Rejected(row, e.problem().detail()));
            }
        }
        return valid;
    }

    private Uni<Set<String>> knownUsers(String tenant, Set<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return pool.preparedQuery("select id from app_user where tenant = $1 and id = any($2)")
                .execute(Tuple.tuple().addString(tenant).addArrayOfString(ids.toArray(new String[0])))
                .map(found -> {
                    Set<String> known = new HashSet<>();
                    for (Row row : found) {
                        known.add(row.getString(0));
                    }
                    return known;
                });
    }

    private <E> Uni<ImportResult> insertAll(String tenant, Map<Integer, E> valid, List<ImportResult.Rejected> rejected,
            String sql, Function<List<E>, String[][]> columns, Function<E, String> id, String noun) {
        List<Integer> rowNumbers = new ArrayList<>(valid.keySet());
        Uni<Integer> imported = Uni.createFrom().item(0);
        for (int from = 0; from < rowNumbers.size(); from += batchSize) {
            List<Integer> batchRows = rowNumbers.subList(from, Math.min(rowNumbers.size(), from + batchSize));
            List<E> batch = batchRows.stream().map(valid::get).toList();
            imported = imported.chain(sum -> insertBatch(tenant, sql, columns.apply(batch)).map(stored -> {
                for (int i = 0; i < batch.size(); i++) {
                    if (!stored.contains(id.apply(batch.get(i)))) {
                        rejected.add(new ImportResult.Rejected(batchRows.get(i), noun + " '" + id.apply(batch.get(i))
                                + "' already exists in tenant " + tenant));
                    }
                }
                return sum + stored.size();
            }));
        }
        return imported.map(count -> {
            rejected.sort(java.util.Comparator.comparingInt(ImportResult.Rejected::row));
            return new ImportResult(count, List.copyOf(rejected));
        });
    }

    private Uni<Set<String>> insertBatch(String tenant, String sql, String[][] columns) {
        Tuple tuple = Tuple.tuple().addString(tenant);
        for (String[] column : columns) {
            tuple.addArrayOfString(column);
        }
        return pool.withTransaction(connection -> connection.preparedQuery(sql).execute(tuple)).map(rows -> {
            Set<String> stored = new HashSet<>();
            for (Row row : rows) {
                stored.add(row.getString(0));
            }
            return stored;
        });
    }

    private static String[][] userColumns(List<AppUser> users) {
        int n = users.size();
        String[][] columns = new String[7][n];
        for (int i = 0; i < n; i++) {
            AppUser u = users.get(i);
            columns[0][i] = u.id;
            columns[1][i] = u.upn;
            columns[2][i] = u.email;
            columns[3][i] = u.givenName;
            columns[4][i] = u.surname;
            columns[5][i] = u.onPremDistinguishedName;
            columns[6][i] = u.samAccountName;
        }
        return columns;
    }
}
