import type { FeedItem } from "../model/item.ts";
import type { ChannelProfile } from "../profiles/types.ts";
import { type Finding, finding } from "./rules.ts";

export interface GroupMember {
  readonly item: FeedItem;
  /** The title as written for this channel. */
  readonly title: string;
  readonly findings: Finding[];
}

const GROUP_ID = /^[A-Za-z0-9_-]{1,50}$/;

/**
 * Variant-group rules (feeds.md D). A group is the items of one POS product, which the engine
 * holds together anyway (the source streams one product at a time), so these checks cost no
 * memory beyond one product.
 */
export function checkGroup(profile: ChannelProfile, members: readonly GroupMember[]): void {
  const groupId = members[0]?.item.itemGroupId ?? null;
  if (groupId === null) return;
  if (!GROUP_ID.test(groupId)) {
    for (const member of members)
      member.findings.push(
        finding("G03", "item_group_id", "item_group_id must be 1–50 of A–Z a–z 0–9 _ -", {
          value: groupId,
        }),
      );
  }
  // A group is a handful of sizes: plain comparisons with the first member instead of Sets.
  const first = members[0] as GroupMember;
  const brandsDiffer = members.some((m) => (m.item.brand ?? "") !== (first.item.brand ?? ""));
  for (const member of members) {
    if (member.item.id === groupId)
      member.findings.push(finding("G01", "id", "id equals the item_group_id", { value: groupId }));
    if (member.item.sizeId === 0)
      member.findings.push(finding("G02", "id", "parent row of a product with sizes"));
    if (brandsDiffer)
      member.findings.push(
        finding("G04", "brand", "brand differs within the variant group", {
          value: member.item.brand ?? "",
        }),
      );
    if (member.item.size === null) {
      member.findings.push(
        finding("G05", "size", "variant without a size name in a group of sizes"),
      );
    }
  }
  const seen = new Map<string, string>();
  for (const member of members) {
    if (member.item.size === null) continue;
    const key = `${member.item.size.toLowerCase()}\u0000${(member.item.color ?? "").toLowerCase()}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, member.item.id);
    else
      member.findings.push(
        finding("G05", "size", `same size and colour as ${first}`, { value: member.item.size }),
      );
  }
  if (members.length > 1) {
    if (members.every((m) => m.item.link === first.item.link)) {
      for (const member of members)
        member.findings.push(
          finding(
            "G06",
            "link",
            "all variants share one link; add {size} or {itemId} to the link template",
          ),
        );
    }
    if (profile.titleVariantDetails && hasRepeatedTitle(members)) {
      for (const member of members)
        member.findings.push(
          finding("G07", "title", "variants share a title; this channel wants the size in it"),
        );
    } else if (!profile.titleVariantDetails && members.some((m) => m.title !== first.title)) {
      for (const member of members)
        member.findings.push(
          finding("G07", "title", "variant titles differ; this channel wants one title per group"),
        );
    }
  }
}

function hasRepeatedTitle(members: readonly GroupMember[]): boolean {
  for (let i = 1; i < members.length; i++) {
    const title = members[i]?.title;
    for (let j = 0; j < i; j++) if (members[j]?.title === title) return true;
  }
  return false;
}
