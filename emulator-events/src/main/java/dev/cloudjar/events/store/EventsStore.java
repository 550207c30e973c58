package dev.cloudjar.events.store;

import dev.cloudjar.core.spi.RecordTable;
import dev.cloudjar.core.spi.Scope;
import dev.cloudjar.core.spi.StripedLocks;
import dev.cloudjar.core.spi.storage.StateStore;
import dev.cloudjar.core.spi.storage.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Buses, rules and targets in the storage SPI, per scope: buses by name, rules under their bus
 * ({@code bus \0 rule}), targets under their rule ({@code bus \0 rule \0 id}), so a bus's rules
 * and a rule's targets are each one prefix scan. Changes to one bus and what it holds are
 * serialised by the bus's lock.
 */
public final class EventsStore {
    private static final String SERVICE = "events";

    private final StateStore state;
    private final RecordTable<BusRecord> buses;
    private final RecordTable<RuleRecord> rules;
    private final RecordTable<TargetRecord> targets;
    private final StripedLocks locks = new StripedLocks(64);

    public EventsStore(StateStore state) {
        this.state = state;
        this.buses = new RecordTable<>(state, SERVICE, "buses", BusRecord.class);
        this.rules = new RecordTable<>(state, SERVICE, "rules", RuleRecord.class);
        this.targets = new RecordTable<>(state, SERVICE, "targets", TargetRecord.class);
    }

    public StripedLocks.Held lock(Scope scope, String busName) {
        return locks.lock(buses.keyspace(scope), busName.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<BusRecord> bus(Scope scope, String name) {
        return buses.get(scope, name);
    }

    /** The stored (custom) buses of the scope, by name. */
    public List<BusRecord> buses(Scope scope) {
        return buses.list(scope, "");
    }

    public void put(Scope scope, BusRecord bus) {
        buses.put(scope, bus.name(), bus);
    }

    /** Deletes the bus with its rules and their targets in one write. */
    public void deleteBus(Scope scope, String name) {
        WriteBatch batch = new WriteBatch();
        buses.delete(batch, scope, name);
        rules.deleteAll(batch, scope, name + '\0');
        targets.deleteAll(batch, scope, name + '\0');
        state.apply(batch);
    }

    public Optional<RuleRecord> rule(Scope scope, String busName, String name) {
        return rules.get(scope, RecordTable.key(busName, name));
    }

    /** A bus's rules, by name. */
    public List<RuleRecord> rules(Scope scope, String busName) {
        return rules.list(scope, busName + '\0');
    }

    public void put(Scope scope, RuleRecord rule) {
        rules.put(scope, RecordTable.key(rule.eventBusName(), rule.name()), rule);
    }

    public void deleteRule(Scope scope, String busName, String name) {
        WriteBatch batch = new WriteBatch();
        rules.delete(batch, scope, RecordTable.key(busName, name));
        targets.deleteAll(batch, scope, RecordTable.key(busName, name) + '\0');
        state.apply(batch);
    }

    /** A rule's targets, by id. */
    public List<TargetRecord> targets(Scope scope, String busName, String ruleName) {
        return targets.list(scope, RecordTable.key(busName, ruleName) + '\0');
    }

    public void put(Scope scope, String busName, String ruleName, TargetRecord target) {
        targets.put(scope, RecordTable.key(RecordTable.key(busName, ruleName), target.id()), target);
    }

    public boolean deleteTarget(Scope scope, String busName, String ruleName, String id) {
        return targets.delete(scope, RecordTable.key(RecordTable.key(busName, ruleName), id));
    }
}
