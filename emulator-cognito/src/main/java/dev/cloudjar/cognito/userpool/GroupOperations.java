package dev.cloudjar.cognito.userpool;

import dev.cloudjar.cognito.CognitoErrors;
import dev.cloudjar.core.spi.Input;
import dev.cloudjar.core.spi.OperationTable;
import dev.cloudjar.core.spi.Output;
import dev.cloudjar.core.spi.RequestContext;
import dev.cloudjar.core.spi.Scope;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups and membership: Create/Get/Update/List/DeleteGroup, AdminAddUserToGroup,
 * AdminRemoveUserFromGroup, AdminListGroupsForUser, ListUsersInGroup. A user's groups are kept
 * on the user, since tokens need them at every sign-in.
 */
public final class GroupOperations {
    private final PoolAccess access;
    private final Users users;

    public GroupOperations(PoolAccess access, Users users) {
        this.access = access;
        this.users = users;
    }

    public void register(OperationTable table) {
        table.on("CreateGroup", this::createGroup)
                .on("GetGroup", this::getGroup)
                .on("UpdateGroup", this::updateGroup)
                .on("ListGroups", this::listGroups)
                .on("DeleteGroup", this::deleteGroup)
                .on("AdminAddUserToGroup", this::adminAddUserToGroup)
                .on("AdminRemoveUserFromGroup", this::adminRemoveUserFromGroup)
                .on("AdminListGroupsForUser", this::adminListGroupsForUser)
                .on("ListUsersInGroup", this::listUsersInGroup);
    }

    Output createGroup(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        String name = input.string("GroupName");
        if (access.store().group(context.scope(), pool.id(), name).isPresent()) {
            throw CognitoErrors.groupExists();
        }
        long now = context.receivedAt().toEpochMilli();
        Group group = new Group(name, input.string("Description"), input.string("RoleArn"), input.integer("Precedence"),
                now, now);
        access.store().saveGroup(context.scope(), pool.id(), group);
        return Output.of("Group", groupType(pool.id(), group));
    }

    Output getGroup(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        return Output.of("Group", groupType(pool.id(), group(context.scope(), pool, input.string("GroupName"))));
    }

    Output updateGroup(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        Group group = group(context.scope(), pool, input.string("GroupName"));
        Group updated = new Group(group.groupName(),
                input.has("Description") ? input.string("Description") : group.description(),
                input.has("RoleArn") ? input.string("RoleArn") : group.roleArn(),
                input.has("Precedence") ? input.integer("Precedence") : group.precedence(),
                group.creationDate(), context.receivedAt().toEpochMilli());
        access.store().saveGroup(context.scope(), pool.id(), updated);
        return Output.of("Group", groupType(pool.id(), updated));
    }

    Output listGroups(RequestContext context, Input input) {
        UserPool pool = access.pool(context.scope(), input.string("UserPoolId"));
        UserPoolStore.Page<Group> page = access.store().listGroups(context.scope(), pool.id(),
                input.string("NextToken"), limit(input));
        return Output.of("Groups", page.items().stream().map(g -> groupType(pool.id(), g)).toList())
                .put("NextToken", page.next());
    }

    /** Deleting a group takes it off its members, as Cognito does. */
    Output deleteGroup(RequestContext context, Input input) {
        Scope scope = context.scope();
        UserPool pool = access.pool(scope, input.string("UserPoolId"));
        Group group = group(scope, pool, input.string("GroupName"));
        long now = context.receivedAt().toEpochMilli();
        for (User member : access.store().listUsers(scope, pool.id(), null, Integer.MAX_VALUE,
                u -> u.groups().contains(group.groupName())).items()) {
            users.update(scope, pool, member.username(), u -> u.withGroups(without(u.groups(), group.groupName()), now));
        }
        access.store().deleteGroup(scope, pool.id(), group.groupName());
        return Output.empty();
    }

    Output adminAddUserToGroup(RequestContext context, Input input) {
        Scope scope = context.scope();
        UserPool pool = access.pool(scope, input.string("UserPoolId"));
        Group group = group(scope, pool, input.string("GroupName"));
        User user = member(scope, pool, input.string("Username"));
        long now = context.receivedAt().toEpochMilli();
        users.update(scope, pool, user.username(), u -> {
            if (u.groups().contains(group.groupName())) {
                return u;
            }
            List<String> groups = new ArrayList<>(u.groups());
            groups.add(group.groupName());
            return u.withGroups(groups, now);
        });
        return Output.empty();
    }

    Output adminRemoveUserFromGroup(RequestContext context, Input input) {
        Scope scope = context.scope();
        UserPool pool = access.pool(scope, input.string("UserPoolId"));
        Group group = group(scope, pool, input.string("GroupName"));
        User user = member(scope, pool, input.string("Username"));
        long now = context.receivedAt().toEpochMilli();
        users.update(scope, pool, user.username(), u -> u.withGroups(without(u.groups(), group.groupName()), now));
        return Output.empty();
    }

    Output adminListGroupsForUser(RequestContext context, Input input) {
        Scope scope = context.scope();
        UserPool pool = access.pool(scope, input.string("UserPoolId"));
        User user = member(scope, pool, input.string("Username"));
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Group group : groupsOf(scope, pool, user)) {
            groups.add(groupType(pool.id(), group));
        }
        return Output.of("Groups", groups);
    }

    Output listUsersInGroup(RequestContext context, Input input) {
        Scope scope = context.scope();
        UserPool pool = access.pool(scope, input.string("UserPoolId"));
        Group group = group(scope, pool, input.string("GroupName"));
        UserPoolStore.Page<User> page = access.store().listUsers(scope, pool.id(), input.string("NextToken"),
                limit(input), u -> u.groups().contains(group.groupName()));
        return Output.of("Users", page.items().stream().map(u -> PoolAccess.userType(u, null)).toList())
                .put("NextToken", page.next());
    }

    /** The user's groups that still exist, for tokens and AdminListGroupsForUser. */
    public List<Group> groupsOf(Scope scope, UserPool pool, User user) {
        List<Group> groups = new ArrayList<>();
        for (String name : user.groups()) {
            access.store().group(scope, pool.id(), name).ifPresent(groups::add);
        }
        return groups;
    }

    private Group group(Scope scope, UserPool pool, String name) {
        return access.store().group(scope, pool.id(), name).orElseThrow(CognitoErrors::groupNotFound);
    }

    private User member(Scope scope, UserPool pool, String username) {
        return access.store().userBySignInName(scope, pool, username).orElseThrow(CognitoErrors::userNotFound);
    }

    private static int limit(Input input) {
        Integer limit = input.integer("Limit");
        return limit == null || limit == 0 ? 60 : limit;
    }

    private static List<String> without(List<String> groups, String name) {
        return groups.stream().filter(g -> !g.equals(name)).toList();
    }

    private static Map<String, Object> groupType(String poolId, Group group) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("GroupName", group.groupName());
        out.put("UserPoolId", poolId);
        if (group.description() != null) {
            out.put("Description", group.description());
        }
        if (group.roleArn() != null) {
            out.put("RoleArn", group.roleArn());
        }
        if (group.precedence() != null) {
            out.put("Precedence", group.precedence());
        }
        out.put("LastModifiedDate", Instant.ofEpochMilli(group.lastModifiedDate()));
        out.put("CreationDate", Instant.ofEpochMilli(group.creationDate()));
        return out;
    }
}
