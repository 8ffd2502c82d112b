import { z } from "zod";

/**
 * Places the mayor goes to and the minutes it takes between them; editable by the
 * secretariat. Rooms of one building share `building`, so moving between them takes 0.
 */
export const TravelTableSchema = z.object({
  places: z
    .array(
      z.object({
        name: z.string().trim().min(1, { message: "validation.required" }).max(200),
        /** Other ways the place is written in invitations: rooms, street address. */
        aliases: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
        building: z.string().trim().min(1).max(200).optional(),
      }),
    )
    .max(1000)
    .default([]),
  /** Minutes between two places (either direction), by place name. */
  travel: z
    .array(
      z.object({
        from: z.string().min(1),
        to: z.string().min(1),
        minutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60),
      }),
    )
    .max(10_000)
    .default([]),
  /** Minutes assumed between two different places not in `travel`. */
  defaultMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30),
});
export type TravelTable = z.infer<typeof TravelTableSchema>;

const normalise = (text: string) =>
  text
    .normalize("NFC")
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .replace(/\s+/g, " ")
    .trim();

export interface TravelTimes {
  /** Minutes from one location text to another, or undefined when either is unknown (no location given). */
  minutes(from: string | undefined, to: string | undefined): number | undefined;
  /** The most minutes any journey can take: how far apart meetings must be to be checked. */
  longest: number;
}

export function travelTimes(table: TravelTable): TravelTimes {
  const places = table.places.map((place) => ({
    ...place,
    keys: [place.name, ...place.aliases].map(normalise),
  }));
  const pairs = new Map<string, number>();
  for (const { from, to, minutes } of table.travel) {
    pairs.set(`${normalise(from)}|${normalise(to)}`, minutes);
    pairs.set(`${normalise(to)}|${normalise(from)}`, minutes);
  }
  const resolve = (location: string) => {
    const text = normalise(location);
    return places.find((place) => place.keys.some((key) => text.includes(key)));
  };
  return {
    longest: Math.max(table.defaultMinutes, ...table.travel.map((entry) => entry.minutes)),
    minutes(from, to) {
      if (!from?.trim() || !to?.trim()) return undefined;
      if (normalise(from) === normalise(to)) return 0;
      const a = resolve(from);
      const b = resolve(to);
      if (a && b) {
        if (a === b || (a.building && a.building === b.building)) return 0;
        return pairs.get(`${normalise(a.name)}|${normalise(b.name)}`) ?? table.defaultMinutes;
      }
      return table.defaultMinutes;
    },
  };
}
