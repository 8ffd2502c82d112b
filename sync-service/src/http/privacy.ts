import {
  audiencesOf,
  type Classification,
  seesPrivateItems,
  viewerFor,
  type MeetingField,
  type MeetingView,
  type MeetingViewer,
  type PrivacySettings,
} from "@modeklar/shared";
import type { Principal } from "./auth";
import { forbidden } from "./problem";

/** What the signed-in person may see of a meeting, asked of the privacy policy as the data leaves. */
export type Viewer = MeetingViewer;

export function viewerOf(principal: Principal, privacy: PrivacySettings): Viewer {
  return viewerFor(audiencesOf(principal.roles), privacy);
}

/** True when one of the person's roles sees private meetings whole: no meeting need be looked up for them. */
export function seesPrivateMeetings(principal: Principal, privacy: PrivacySettings): boolean {
  return audiencesOf(principal.roles).some((audience) => seesPrivateItems(audience, privacy));
}

/** A route about one meeting refuses a person the policy does not show what the route is about. */
export function requireSight(view: MeetingView, field: MeetingField): void {
  if (!view.sees(field)) {
    throw forbidden(
      "This meeting is a private appointment (or no longer in the mayor's calendar), and your role is not among those that see private items (PRIVATE_ITEMS_VISIBLE_TO).",
      { code: "privateItem" },
    );
  }
}

/** A priority as the person may read it: its reason names the rule or the person that matched. */
export function shownPriority(view: MeetingView, priority: Classification): Classification {
  return view.sees("priority") ? priority : { ...priority, reason: "", ruleId: null };
}
