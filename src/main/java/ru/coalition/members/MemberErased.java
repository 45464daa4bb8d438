package ru.coalition.members;

/**
 * Fired in the transaction that deletes a member's account, for the features above the members that keep what the
 * member wrote or sent (an order's wishes and layout files) to forget it too.
 */
public record MemberErased(long memberId) {
}
