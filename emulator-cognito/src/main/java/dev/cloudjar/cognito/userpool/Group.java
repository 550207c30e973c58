package dev.cloudjar.cognito.userpool;

/** A group of a user pool; its role and precedence decide the tokens' cognito:preferred_role. */
public record Group(String groupName, String description, String roleArn, Integer precedence,
                   long creationDate, long lastModifiedDate) {
}
