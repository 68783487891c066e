#!/usr/bin/env node
/**
 * Writes the sample journey of Journey Mapper:
 *   examples/sample-journey.json  — a complete model v1 ("Northwind Outfitters — online order")
 *   examples/sample-feedback.csv  — its 1–5 and text-only feedback as a survey tool would export it,
 *                                   plus three deliberately bad rows for the import error report
 *
 * Plain Node ESM, no dependencies, a seeded PRNG: every run writes byte-identical files.
 * Run: node examples/make-sample.mjs
 */
import { writeFileSync } from "node:fs";

const SEED = 20260601;

/** mulberry32: small, fast, good enough for sample data, and the same on every platform. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const chance = (p) => random() < p;
const pick = (list) => list[Math.floor(random() * list.length)];
/** Picks from [value, weight] pairs. */
function weighted(pairs) {
  const total = pairs.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [value, w] of pairs) {
    r -= w;
    if (r < 0) return value;
  }
  return pairs[pairs.length - 1][0];
}
/** Picks an index from a list of weights. */
const weightedIndex = (weights) => weighted(weights.map((w, i) => [i, w]));

// ---------------------------------------------------------------------------------------------
// Scope, stages, touchpoints, personas, lanes
// ---------------------------------------------------------------------------------------------

const TITLE = "Northwind Outfitters — online order";

const scope = {
  journey: TITLE,
  product: "Northwind Outfitters outdoor-gear web shop and iOS/Android app",
  goal: "Find out why first-time buyers drop out at checkout or don't order a second time, and choose the fixes for Q1 2027",
  successMetrics: [
    "Cart abandonment below 65%",
    "95% of orders delivered on the promised day",
    "90-day repeat purchase rate of 30%",
    "NPS of 45 or more",
  ],
};

const STAGES = [
  { key: "awareness", name: "Awareness", objective: "Be the shop people find when they start planning a trip", emotion: 1 },
  { key: "consideration", name: "Consideration", objective: "Help shoppers pick the right item and size with confidence", emotion: null },
  { key: "checkout", name: "Checkout", objective: "Turn a full cart into a paid order without surprises", emotion: null },
  { key: "delivery", name: "Delivery", objective: "Get the parcel to the customer before their trip, when they can receive it", emotion: null },
  { key: "retention", name: "Retention", objective: "Make returns, repairs and reorders easy enough to earn the second order", emotion: null },
  { key: "advocacy", name: "Advocacy", objective: "Turn happy customers into reviewers and referrers", emotion: null },
];
const stageId = (key) => `stage_${key}`;

// [key, name, channel, digital, importance]
const TOUCHPOINTS = {
  awareness: [
    ["social", "Instagram & creator posts", "social", true, 3],
    ["search", "Search & gear guides", "web", true, 4],
    ["store", "Trailhead pop-up store", "store", false, 2],
  ],
  consideration: [
    ["web", "Product pages & size guide", "web", true, 5],
    ["chat", "Gear advice chat", "chat", true, 4],
    ["app", "App wishlist", "app", true, 3],
  ],
  checkout: [
    ["web", "Web checkout", "web", true, 5],
    ["app", "App checkout", "app", true, 4],
    ["email", "Order confirmation email", "email", true, 3],
  ],
  delivery: [
    ["email", "Shipping updates", "email", true, 4],
    ["courier", "Courier delivery", "other", false, 5],
    ["unboxing", "Packaging & unboxing", "other", false, 2],
  ],
  retention: [
    ["returns", "Returns portal", "web", true, 4],
    ["support", "Customer service", "support", true, 4],
    ["app", "Trail Points loyalty app", "app", true, 2],
  ],
  advocacy: [
    ["review", "Review request email", "email", true, 2],
    ["social", "Instagram community", "social", true, 3],
    ["referral", "Refer-a-friend", "app", true, 1],
  ],
};
const touchpointId = (stage, key) => `tp_${stage}_${key}`;

const personas = [
  {
    id: "persona_maya",
    name: "Maya Lindqvist",
    role: "Weekend hiker",
    demographics: "34, product designer in Portland, OR; hikes two or three weekends a month; shops on her phone in the evening",
    goals: ["Get reliable gear in time for the next trip", "Keep her pack light without overspending"],
    motivations: ["Time outdoors with friends", "Gear that lasts several seasons"],
    behaviours: [
      "Watches creator tests and reads reviews before buying",
      "Orders three to five days before a trip",
      "Keeps a wishlist in the app and waits for price drops",
    ],
    frustrations: [
      "Sizes that don't match the size guide",
      "Shipping cost revealed only at the last step",
      "Deliveries she can't plan around",
    ],
    quote: "If it doesn't arrive before Friday, it's no use to me.",
    share: 45,
    onMap: true,
  },
  {
    id: "persona_daniel",
    name: "Daniel Okafor",
    role: "Expedition planner",
    demographics: "41, civil engineer in Denver, CO; climbs and does multi-week treks; buys high-end technical kit",
    goals: ["Exact specs: weight, packed size, temperature and waterproof ratings", "Kit that works together (boots and crampons, stove and canisters)"],
    motivations: ["Staying safe on long trips", "Advice from people who have used the gear"],
    behaviours: [
      "Compares specs across three or four shops",
      "Asks the gear advice chat detailed questions",
      "Buys early and returns what doesn't fit",
    ],
    frustrations: [
      "Specs that differ between product page and spec sheet",
      "Chat answers like \"it should work\"",
      "Slow refunds on expensive returns",
    ],
    quote: "Give me the real weight and the real rating, and I'll decide.",
    share: 20,
    onMap: true,
  },
  {
    id: "persona_priya",
    name: "Priya Shah",
    role: "Family camper",
    demographics: "38, teacher in Sacramento, CA; camps with her partner and two kids (6 and 8); watches the budget",
    goals: ["Kit the whole family out for summer camping", "Stay within a set budget"],
    motivations: ["Kids who enjoy being outdoors", "Sturdy gear that can be handed down"],
    behaviours: [
      "Uses promo codes and waits for sales",
      "Orders two sizes and returns one",
      "Shares the wishlist with her partner",
    ],
    frustrations: ["Promo codes that don't apply", "Kids' sizes by age instead of height", "Having to print returns labels"],
    quote: "I'll order three sizes and send two back — just make returns easy.",
    share: 35,
    onMap: true,
  },
];
const PERSONA_BY_KEY = { maya: "persona_maya", daniel: "persona_daniel", priya: "persona_priya" };

const LANES = [
  { id: "lane_actions", kind: "actions", name: "Customer actions", visible: true },
  { id: "lane_thoughts", kind: "thoughts", name: "Thoughts & questions", visible: true },
  { id: "lane_touchpoints", kind: "touchpoints", name: "Touchpoints & channels", visible: true },
  { id: "lane_emotions", kind: "emotions", name: "Emotions", visible: true },
  { id: "lane_pain_points", kind: "painPoints", name: "Pain points", visible: true },
  { id: "lane_opportunities", kind: "opportunities", name: "Opportunities", visible: true },
  { id: "lane_kpis", kind: "kpis", name: "KPIs", visible: true },
  { id: "lane_backstage", kind: "custom", name: "Backstage", visible: true },
];

const NOTES = {
  awareness: {
    actions: ["Sees a creator's rain-shell test on Instagram", "Googles \"ultralight tent under 2 kg\""],
    thoughts: ["Is this brand any good, or just good at ads?", "Do they ship to me, and what does it cost?"],
    backstage: ["Paid social and creator codes run by the growth team", "Gear guides live in the CMS; last big update in 2024"],
  },
  consideration: {
    actions: ["Compares tent weights on two tabs", "Checks the size guide, then the reviews", "Saves items to the app wishlist"],
    thoughts: ["M or L? The size guide says both.", "Is 1.9 kg the real weight?"],
    backstage: ["Specs come from supplier feeds, nobody checks them", "Gear advice chat staffed weekdays 9–18 only"],
  },
  checkout: {
    actions: ["Pastes the promo code from the welcome email", "Types the address to see the shipping cost", "Pays with Apple Pay or PayPal"],
    thoughts: ["Why is my code not valid?", "$14.95 shipping — seriously?"],
    backstage: [
      "Promo rules exclude sale items without saying so",
      "Shipping rates only calculated after the address is entered",
      "PayPal runs through a redirect that drops app sessions",
    ],
  },
  delivery: {
    actions: ["Checks tracking every morning", "Stays home waiting for the courier"],
    thoughts: ["Will it arrive before the trip?", "Why does tracking still say \"label created\"?"],
    backstage: ["Warehouse in Reno picks orders placed before 2 pm", "Three carriers; only one offers time slots"],
  },
  retention: {
    actions: ["Returns boots for a half size up", "Reorders gas canisters in the app"],
    thoughts: ["Do I need a printer for this?", "What are my Trail Points worth?"],
    backstage: ["Returns labels made per carrier; QR drop-off since September", "Warranty claims handled with Zendesk macros"],
  },
  advocacy: {
    actions: ["Posts trip photos with #northwindtrails", "Answers the NPS email"],
    thoughts: ["Worth telling the hiking club about?", "Why review a tent I haven't slept in yet?"],
    backstage: ["Review request sent two days after dispatch, not delivery", "Referral rewards paid in Trail Points only"],
  },
};

// ---------------------------------------------------------------------------------------------
// Comment pools: per stage and sentiment, [text, touchpoint key or null, themes, persona key]
// Themes mark the comments that evidence a pain point of the same stage.
// ---------------------------------------------------------------------------------------------

const COMMENTS = {
  awareness: {
    neg: [
      ["Saw the same Instagram ad for the 2-person tent about 15 times in one week. Annoying.", "social"],
      ["The ad said 30% off all tents, but the landing page only had two models on sale.", "social"],
      ["Googled \"ultralight tent under 2kg\" and your gear guide was from 2021, half the links were dead.", "search"],
      ["The creator in the video said \"use code TRAIL20\" and the code didn't exist.", "social"],
      ["Pop-up stand at the trail festival had no working card reader, so I left.", "store"],
      ["Sponsored post looked like a scam, the account handle was misspelled.", "social"],
      ["Newsletter popup shows up before the page even loads. Closed the tab.", "search"],
      ["Search result promised free shipping, then the site said free shipping only over $99.", "search"],
      ["Couldn't tell from the ad whether you ship to Canada.", "social", [], "daniel"],
      ["Clicked an ad for a sleeping bag that turned out to be sold out in every size.", "social"],
      ["The \"best rain jackets\" article is basically an ad for your own brand. Not helpful.", "search"],
    ],
    neu: [
      ["Found you through a Reddit thread about budget sleeping bags. Haven't bought yet.", "search"],
      ["The Instagram reel was nice but didn't show the price.", "social"],
      ["Stopped by the pop-up at the trailhead; staff were friendly, but they only had display samples.", "store"],
      ["Gear guide was ok, a bit long. A comparison table would help.", "search"],
      ["Heard of Northwind from a friend, wasn't sure how you differ from the big chains.", null],
      ["Ads are fine I guess, I mostly scroll past them.", "social"],
      ["The packing list for a 3-day hike was useful, but the product links opened in the same tab.", "search"],
      ["Came for the trail-running shoe review, left with a wishlist.", "search", [], "maya"],
      ["Didn't know you had an app until the checkout page told me.", null],
      ["Pop-up had a good demo of the stove but no way to order on the spot.", "store"],
      ["Saw your van at the climbing gym event, took a flyer, that's about it.", "store"],
    ],
    pos: [
      ["The \"first overnight hike\" guide is genuinely the best one I've read. Bookmarked it.", "search", [], "maya"],
      ["Loved the creator video testing the rain shell in a real downpour, that's what sold me.", "social"],
      ["Staff at the festival pop-up let my kids try the headlamps. Great vibe.", "store", [], "priya"],
      ["Your Instagram shows real people on real trails, not models. Refreshing.", "social"],
      ["Found exactly the stove comparison I needed on Google, and it was yours.", "search"],
      ["Nice that the gear guide lists weight AND packed size.", "search", [], "daniel"],
      ["The down jacket ad had the price and the weight right in the picture. Clicked immediately.", "social"],
      ["Got a useful reply to my Instagram DM within an hour.", "social"],
      ["Pop-up staff knew their stuff about crampon compatibility.", "store", [], "daniel"],
      ["Your trail-conditions posts are great, that's why I follow you.", "social"],
      ["Search brought me to a straight answer on tent footprints, no fluff.", "search"],
      ["Beautiful photography, made me want to book a trip.", "social"],
    ],
  },
  consideration: {
    neg: [
      ["Size guide says M for my chest measurement, the jacket was way too tight across the shoulders.", "web", ["size_guide"]],
      ["Size guide only has chest and waist, nothing about arm length. I have long arms!", "web", ["size_guide"]],
      ["The boots size guide is in UK sizes only; I converted it myself and still got it wrong.", "web", ["size_guide"]],
      ["Kids' sizes in the size guide go by age, my 8-year-old is the size of a 10-year-old.", "web", ["size_guide"], "priya"],
      ["Size guide for women's hiking pants doesn't mention inseam, which is the only thing I care about.", "web", ["size_guide"], "maya"],
      ["Used the size guide for the rain shell, ordered L, it fits like an XL. Now I have to return it.", "web", ["size_guide"]],
      ["The product page lists the tent at 1.9 kg but the spec sheet says 2.3 kg. Which one is it?", "web", [], "daniel"],
      ["Filter by weight doesn't work, sorting puts 3 kg tents above 1 kg ones.", "web"],
      ["Chat bot kept sending me the returns policy when I asked about tent pole length.", "chat"],
      ["Waited 25 minutes in the gear advice chat, then it closed at 6pm without an answer.", "chat"],
      ["Wishlist in the app emptied itself after the update.", "app"],
      ["I had two tabs open to compare tent weights because there's no compare feature. In 2026.", "web", [], "maya"],
      ["Reviews on the product page are all 5 stars and all say \"great product\". Don't trust it.", "web"],
      ["\"Waterproof\" jacket, but the product page never says the hydrostatic head rating.", "web", [], "daniel"],
      ["Colour in the photos is nothing like the actual \"sage green\".", "web"],
    ],
    neu: [
      ["Size guide was ok, but I'd like to know how it fits compared to Patagonia.", "web", ["size_guide"]],
      ["Between an M and an L according to the size guide, no idea which to pick.", "web", ["size_guide"]],
      ["The size guide says \"true to size\", the reviews say size up. Went with the reviews.", "web", ["size_guide"]],
      ["Would like to filter by \"in stock in my size\".", "web"],
      ["Chat answered eventually, helpful, but slow.", "chat"],
      ["Product pages are fine, photos could show the tent packed down.", "web"],
      ["The wishlist works, but I can't share it with my partner.", "app", [], "priya"],
      ["Would be good to see stock per size before adding to cart.", "web"],
      ["Compared three sleeping bags: comfort/limit temperatures are helpful but confusing.", "web"],
      ["App is quicker than the website for browsing, but search is worse.", "app"],
      ["The Q&A section had my exact question, unanswered since March.", "web"],
      ["Fine. Found what I needed, took a while.", null],
      ["The 360° view is neat but loads slowly on my phone.", "web"],
      ["Asked chat whether the stove works with butane canisters, answer was \"it should\".", "chat", [], "daniel"],
      ["Gear advice chat is only open on weekdays, which is when I'm at work.", "chat", [], "maya"],
    ],
    pos: [
      ["The advice chat person had actually slept in the tent I was looking at. Super helpful.", "chat"],
      ["Love the \"model is 5'9, wears S\" info next to the photos.", "web"],
      ["Comparison table for sleeping pads with R-values is exactly what I wanted.", "web", [], "daniel"],
      ["Size guide with the measure-yourself video was spot on, the boots fit first time.", "web"],
      ["App wishlist pinged me when the rain shell dropped in price. Bought it.", "app", [], "maya"],
      ["Customer reviews mention height and weight, very useful for sizing.", "web"],
      ["Great filters: found a 3-season tent under 2 kg in seconds.", "web"],
      ["Chat sent me a packing list for the Sierra trip with links to everything.", "chat"],
      ["Product photos show the kids' jackets on actual kids, thanks.", "web", [], "priya"],
      ["Clear specs, clear prices, no surprises on the product page.", "web"],
      ["Stock-per-store info saved me a trip.", "web"],
      ["Honest reviews, including the 2-star ones. Appreciated.", "web"],
      ["The app's barcode scanner in the shop showed me the online reviews. Clever.", "app"],
      ["Gear advice chat answered in 2 minutes on a Sunday.", "chat"],
    ],
  },
  checkout: {
    neg: [
      ["Promo code WELCOME10 rejected at checkout, no reason given.", "web", ["promo_code"]],
      ["Entered the promo code from your email and got \"code not valid\". Turns out it excludes sale items, which nobody tells you.", "web", ["promo_code"], "priya"],
      ["Promo code worked in the cart, then vanished when I went to payment.", "web", ["promo_code"]],
      ["App checkout says the promo code has expired, the email said valid until Sunday. It's Saturday.", "app", ["promo_code"]],
      ["The promo code field hides behind a tiny \"Have a code?\" link, and then it says \"invalid\" anyway.", "web", ["promo_code"]],
      ["Two problems:\n1) promo code rejected\n2) shipping cost only shown at the very end", "web", ["promo_code", "shipping_cost"]],
      ["Shipping cost appeared only on the last step: $14.95 on a $40 order. Closed the tab.", "web", ["shipping_cost"]],
      ["Why is the shipping cost not shown until after I type my whole address?", "web", ["shipping_cost"]],
      ["Shipping cost to Alaska was more than the jacket.", "web", ["shipping_cost"]],
      ["Free shipping threshold is $99, my cart was $97.50, and there's nothing under $5 to add. Shipping cost $9.95.", "web", ["shipping_cost"], "priya"],
      ["App crashed when I switched from card to PayPal. Twice.", "app"],
      ["Payment failed with \"error 502\" but my card was charged. Had to call the bank.", "web"],
      ["Forced to create an account to check out. I just want to buy a tent.", "web"],
      ["Address autocomplete put my apartment number in the wrong field, parcel went back.", "web"],
      ["Got three order confirmation emails for one order and thought I'd been charged three times.", "email"],
      ["Checkout timed out while I was looking for my card, cart emptied.", "app"],
      ["Apple Pay button does nothing in the app.", "app", [], "maya"],
    ],
    neu: [
      ["Checkout was ok, took longer than needed, too many steps.", "web"],
      ["Promo code went through on the second try, no idea what was different.", "web", ["promo_code"]],
      ["The promo code field and the gift card field look identical, I put my code in the wrong one.", "web", ["promo_code"]],
      ["Shipping cost is fair, but it should be visible earlier.", "web", ["shipping_cost"]],
      ["Order confirmation email arrived 20 min later, I was a bit worried in between.", "email"],
      ["App checkout is fine but doesn't remember my address.", "app"],
      ["Would prefer to see the delivery date before paying, not after.", "web", [], "maya"],
      ["Paid with Klarna, it worked, but the split payment info was confusing.", "web"],
      ["Guest checkout exists, but it's hidden; found it after creating an account.", "web"],
      ["Standard shipping at $7.95 is ok, express at $24 is a lot.", "web", ["shipping_cost"]],
      ["Confirmation email is fine, I'd like a PDF invoice attached.", "email", [], "daniel"],
      ["The gift option exists but you can't add a message.", "web"],
      ["Checked out in the app, fine, then got asked to rate the app immediately. Meh.", "app"],
      ["Didn't realise I could use my loyalty points, only saw it after paying.", "web"],
    ],
    pos: [
      ["Checkout in the app took me under a minute with Apple Pay. Perfect.", "app", [], "maya"],
      ["Guest checkout, no account, no nonsense. Thank you.", "web"],
      ["Clear order summary with the delivery estimate before paying.", "web"],
      ["Promo code applied automatically from the link in the email, nice touch.", "web", [], "priya"],
      ["Free shipping over $99 was clearly shown in the cart bar, so I added socks.", "web"],
      ["Confirmation email had everything: items, sizes, delivery estimate, returns info.", "email"],
      ["Paid with PayPal, one click, done.", "web"],
      ["Saved card and address made reordering gas canisters painless.", "app", [], "daniel"],
      ["Love that checkout offers a carbon-neutral shipping option.", "web"],
      ["Loyalty points discount applied without me having to do anything.", "app"],
      ["Smooth. Honestly didn't notice the checkout, which is how it should be.", "web"],
      ["The split-shipping option for the back-ordered item was handy.", "web", [], "daniel"],
      ["Gift card and promo code together, no problem.", "web"],
    ],
  },
  delivery: {
    neg: [
      ["No delivery window at all, just \"between 8am and 8pm\". Stayed home all day for a tent.", "courier", ["delivery_window"]],
      ["Courier came while I was at work, no delivery window given, now the parcel is at a depot 20 miles away.", "courier", ["delivery_window"], "maya"],
      ["Delivery window changed three times by text, the last time during the actual window.", "courier", ["delivery_window"]],
      ["Missed the delivery because the window was \"today\". That's not a window.", "courier", ["delivery_window"]],
      ["Asked the courier for a delivery window, they said ask the shop; the shop said ask the courier.", "courier", ["delivery_window"]],
      ["Will it arrive before the trip? Tracking said \"label created\" for four days.", "email", ["tracking"], "maya"],
      ["Tracking link in the shipping email leads to a 404.", "email", ["tracking"]],
      ["Shipping email said \"out for delivery\", nothing came, and no tracking update for two days.", "email", ["tracking"]],
      ["Promised delivery in 3–5 days, took 9. We left for the trip without the sleeping bags.", "courier", [], "priya"],
      ["Driver left the parcel in the rain outside the building. Box was soaked.", "courier"],
      ["Order split into 3 parcels, 3 couriers, 3 different days.", "courier"],
      ["Huge box for one pair of socks, full of plastic air pillows.", "unboxing"],
      ["Wrong size in the box, although the packing slip said the right size.", "unboxing"],
      ["No option to choose a pickup point or a locker.", "courier"],
      ["Courier marked it \"delivered\" while it was still in the van. It showed up 2 days later.", "courier"],
      ["Tent poles arrived bent, the box had clearly been dropped.", "unboxing", [], "daniel"],
    ],
    neu: [
      ["Arrived a day late but before the weekend, so fine.", "courier"],
      ["Got a delivery window, but a 4-hour one. Better than nothing.", "courier", ["delivery_window"]],
      ["Would like an SMS on the morning of delivery with a proper delivery window.", "email", ["delivery_window"]],
      ["Tracking updates were sparse, but the parcel arrived on time.", "email", ["tracking"]],
      ["Tracking showed the parcel going to Oakland and back before it reached me. Arrived anyway.", "email", ["tracking"]],
      ["Packaging is a bit much, but at least it's recyclable cardboard.", "unboxing"],
      ["Parcel went to my neighbour, no note. Found it the next day.", "courier"],
      ["Delivery was fine. The email said \"Your adventure is on its way!\", which is a bit much.", "email"],
      ["Delivered on the estimated date, box slightly dented, contents fine.", "courier"],
      ["Unboxing fine, the little trail-map sticker is cute.", "unboxing"],
      ["Express shipping arrived on time, the standard one I'm still waiting for.", "courier"],
      ["Got a survey about the delivery before the delivery happened.", "email"],
      ["Couriers vary a lot; UPS was great, the regional one less so.", "courier", [], "daniel"],
      ["Parcel arrived.\nWrong colour though, ordered navy, got black.", "unboxing"],
    ],
    pos: [
      ["Arrived in two days, two days before our trip. Relief.", "courier", [], "maya"],
      ["Loved the 1-hour delivery window text that morning, I was home in time.", "courier"],
      ["Packaging: paper only, no plastic. Great.", "unboxing"],
      ["Tracking was accurate to the hour.", "email"],
      ["The shipping email had a real delivery window, 10–12. I was home, done.", "email"],
      ["The hand-written \"Happy trails\" note in the box made my day.", "unboxing"],
      ["Shipped the same day, and I ordered at 11pm. Impressive.", "email"],
      ["Courier put it in the parcel locker as requested, easy.", "courier"],
      ["Everything packed neatly: tent in its bag, stakes counted, guylines tied. Perfect.", "unboxing", [], "daniel"],
      ["Delivery updates in the app with a map of the van. Nice.", "email"],
      ["Ordered Tuesday, hiking Friday, gear there Thursday. Exactly as promised.", "courier"],
      ["Box is reusable for returns, with a return sticker already inside.", "unboxing"],
      ["Kids loved opening the box, the stickers were a hit.", "unboxing", [], "priya"],
    ],
  },
  retention: {
    neg: [
      ["The returns label has to be printed. I don't own a printer. Who does?", "returns", ["returns_label"], "maya"],
      ["Returns portal made a returns label for the wrong carrier, the drop-off refused it.", "returns", ["returns_label"]],
      ["Returns label PDF won't open on my phone.", "returns", ["returns_label"]],
      ["Refund took 3 weeks after you received the return.", "returns", [], "daniel"],
      ["Called support about a broken zipper, 40 minutes on hold.", "support"],
      ["Support asked me to send photos three times for the same warranty claim.", "support"],
      ["Trail Points don't show up in the app, support says they're \"in the system\".", "app", ["loyalty_points"]],
      ["My loyalty points expired without any warning email.", "app", ["loyalty_points"]],
      ["Reorder button in the app reordered my old size, not the one I exchanged for.", "app"],
      ["No exchanges, only return + new order, and the new one was full price again.", "returns", [], "priya"],
      ["Emails every single day after my first order. Unsubscribed.", null],
      ["Zendesk ticket auto-closed after 3 days without an answer.", "support"],
      ["Support replied with a template that didn't answer my question, twice.", "support"],
    ],
    neu: [
      ["Return was ok, but I had to go to the post office to print the returns label.", "returns", ["returns_label"], "priya"],
      ["Returns label worked, but only after I found the link in the second email.", "returns", ["returns_label"]],
      ["Trail Points balance updates a week after the order, a bit confusing.", "app", ["loyalty_points"]],
      ["Support fixed it eventually, but I had to explain everything twice.", "support"],
      ["The loyalty app is fine, I just don't see what the points are worth.", "app", ["loyalty_points"]],
      ["Refund arrived after 10 days, acceptable but slow.", "returns"],
      ["Would buy again if shipping was cheaper.", null],
      ["Got a \"we miss you\" email with 10% off, used it, fine.", null],
      ["Repair service quote took a week but was fair.", "support", [], "daniel"],
      ["Returns portal works on desktop, not so much on mobile.", "returns"],
      ["Restock alerts work, but by the time I tap them the size is gone again.", "app"],
      ["Support was polite, but scripted.", "support"],
      ["Reordered gas canisters, easy, but they're cheaper at the supermarket.", "app"],
      ["Ok experience overall, nothing special.", null],
    ],
    pos: [
      ["Return was painless: QR code at the drop-off point, no printing needed.", "returns", [], "priya"],
      ["Support replaced my cracked stove without asking for a receipt.", "support"],
      ["The repair service fixed my jacket zipper for free. Customer for life.", "support"],
      ["Refund within 2 days of dropping the parcel off.", "returns"],
      ["Trail Points paid for my new headlamp.", "app", [], "maya"],
      ["The \"buy it again\" list in the app makes restocking fuel and freeze-dried meals easy.", "app", [], "daniel"],
      ["Exchanged boots for a half size up; the new pair arrived before I'd even sent the old ones.", "returns"],
      ["The phone support person was a climber, gave me great advice on crampons.", "support", [], "daniel"],
      ["Birthday discount was a nice surprise.", "app"],
      ["Third order this year, always consistent.", null],
      ["Warranty claim on a 4-year-old tent, approved in a day.", "support"],
      ["Members' early access to the sale is worth it.", "app"],
      ["Chat support sorted out my return in 5 minutes.", "support"],
    ],
  },
  advocacy: {
    neg: [
      ["Review request email arrived before the parcel did. Review what?", "review", ["review_timing"]],
      ["Asked to review the tent the day after delivery. I haven't slept in it yet.", "review", ["review_timing"], "daniel"],
      ["Got 4 review reminders for one order.", "review", ["review_timing"]],
      ["Wrote an honest 3-star review, it never got published.", "review"],
      ["Refer-a-friend code didn't give my friend the discount.", "referral"],
      ["Tagged you in my trip photos and you reposted them without asking.", "social"],
      ["The review form makes me rate \"value\", \"fit\", \"style\"… just let me write.", "review"],
      ["Referral reward is only Trail Points, no cash or discount.", "referral"],
      ["No reply to my comment about a faulty product on your Instagram post.", "social"],
    ],
    neu: [
      ["Left a review; it would be nice to be able to add photos.", "review"],
      ["Would recommend for tents, less for clothing.", null],
      ["The review request came a bit early, but I filled it in later.", "review", ["review_timing"]],
      ["Referral program is ok. My friend used it once.", "referral"],
      ["Probably recommend, depends on the price next time.", null, [], "priya"],
      ["Posted a photo with #northwindtrails, nice to see it liked.", "social"],
      ["I recommend you to friends, but always warn them about the shipping cost.", null],
      ["Review reminders are fine, maybe one fewer.", "review", ["review_timing"]],
      ["Review request is fine, but please wait until I've actually used the gear.", "review", ["review_timing"]],
      ["I'd refer friends more if they got free shipping on their first order.", "referral"],
      ["Would recommend the gear, the website less so.", null],
      ["Shared your packing list with my hiking group.", "social", [], "maya"],
    ],
    pos: [
      ["Already told my whole hiking club about you.", null, [], "maya"],
      ["Recommended Northwind to three friends, all of them ordered the same rain shell.", "referral"],
      ["Your repair service is the reason I tell people to buy here.", null],
      ["Wrote a 5-star review after our first trip with the tent, worth it.", "review"],
      ["Referral gave my sister $15 off and me 500 points. Win-win.", "referral", [], "priya"],
      ["You featured my photo from the Wind River Range on Instagram, made my week!", "social", [], "daniel"],
      ["Best outdoor shop online, full stop.", null],
      ["Would 100% recommend, especially for families: the kids' gear is sturdy.", null, [], "priya"],
      ["Honest product info, quick help, fair returns. That's all I want.", null],
      ["Gave you a 10 because support sorted my return in 5 minutes.", null],
      ["My partner uses the app now too.", "referral"],
      ["I send friends your beginner hiking guide all the time.", "social"],
      ["Trustworthy reviews and sizing, so yes, I recommend.", "review"],
      ["Great community on Instagram, people answer each other's gear questions.", "social"],
      ["+1 for the free repair service, no other shop does that.", null],
    ],
  },
};

const TAILS = {
  neg: ["", "", "", "", " Not impressed.", " Second time this happened.", " Please fix this.", " Really frustrating.", "ORDER"],
  neu: ["", "", "", "", " Otherwise ok.", " Just saying.", " Minor thing."],
  pos: ["", "", "", "", " Thanks!", " Keep it up.", " 👍", " Will order again."],
};

// ---------------------------------------------------------------------------------------------
// Feedback rows
// ---------------------------------------------------------------------------------------------

const ROWS_PER_STAGE = { awareness: 42, consideration: 92, checkout: 118, delivery: 108, retention: 80, advocacy: 60 };

/** Weights of ratings 1…5 per stage: checkout and delivery worse, advocacy good. */
const STARS = {
  awareness: [0.04, 0.08, 0.22, 0.38, 0.28],
  consideration: [0.07, 0.13, 0.25, 0.33, 0.22],
  checkout: [0.22, 0.24, 0.22, 0.2, 0.12],
  delivery: [0.18, 0.22, 0.24, 0.22, 0.14],
  retention: [0.07, 0.12, 0.24, 0.33, 0.24],
  advocacy: [0.03, 0.05, 0.12, 0.35, 0.45],
};
/** Weights of 0…10 answers to "How likely are you to recommend Northwind to a friend?". */
const NPS = {
  retention: [0.02, 0.01, 0.02, 0.03, 0.03, 0.05, 0.08, 0.12, 0.2, 0.22, 0.22],
  advocacy: [0.01, 0.01, 0.01, 0.02, 0.02, 0.03, 0.05, 0.1, 0.17, 0.26, 0.32],
};
/** Weights of 1…7 answers to "It was easy to …" (customer effort). */
const CES = {
  checkout: [0.08, 0.12, 0.16, 0.2, 0.2, 0.14, 0.1],
  retention: [0.04, 0.06, 0.1, 0.18, 0.24, 0.22, 0.16],
};
/** Sentiment of text-only responses (complaints dominate unsolicited feedback). */
const TEXT_ONLY_SENTIMENT = {
  awareness: [["neg", 3], ["neu", 3], ["pos", 4]],
  consideration: [["neg", 5], ["neu", 3], ["pos", 2]],
  checkout: [["neg", 7], ["neu", 2], ["pos", 1]],
  delivery: [["neg", 6], ["neu", 2], ["pos", 2]],
  retention: [["neg", 5], ["neu", 2], ["pos", 3]],
  advocacy: [["neg", 2], ["neu", 2], ["pos", 6]],
};
/** Kinds and sources of 1–5 ratings per stage. */
const RATED_SOURCES = {
  awareness: [[["survey", "Site intercept survey"], 5], [["form", "Website feedback form"], 2], [["review", "Trustpilot"], 2]],
  consideration: [
    [["survey", "Site intercept survey"], 4],
    [["review", "Product review"], 3],
    [["form", "Website feedback form"], 2],
    [["support", "Zendesk"], 2],
  ],
  checkout: [
    [["survey", "Post-purchase survey"], 6],
    [["review", "Trustpilot"], 3],
    [["support", "Zendesk"], 2],
    [["form", "Website feedback form"], 1],
  ],
  delivery: [
    [["survey", "Delivery survey (SMS)"], 5],
    [["survey", "Post-purchase survey"], 2],
    [["support", "Zendesk"], 3],
    [["review", "Trustpilot"], 2],
  ],
  retention: [
    [["support", "Zendesk"], 4],
    [["survey", "Returns survey"], 3],
    [["review", "Trustpilot"], 2],
    [["form", "Returns form"], 1],
  ],
  advocacy: [[["review", "Trustpilot"], 4], [["review", "Product review"], 3], [["survey", "Post-purchase survey"], 2]],
};
const TEXT_ONLY_SOURCES = [
  [["social", "Instagram"], 5],
  [["social", "Facebook"], 2],
  [["social", "Reddit"], 2],
  [["support", "Zendesk"], 3],
  [["form", "Website feedback form"], 2],
];

const START_DAY = Date.UTC(2026, 5, 1); // 2026-06-01
const DAYS = 153; // … 2026-10-31
const DAY_MS = 86400000;
/** A submission time: more in July and August (trip season), more in the evening. */
function randomTimestamp() {
  let day;
  for (;;) {
    day = Math.floor(random() * DAYS);
    const month = new Date(START_DAY + day * DAY_MS).getUTCMonth(); // 5 = June
    const weight = month === 6 || month === 7 ? 1 : month === 5 ? 0.75 : 0.6;
    if (random() < weight) break;
  }
  const hour = weighted([7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23].map((h) => [h, h >= 19 ? 3 : h >= 12 ? 2 : 1]));
  const minute = Math.floor(random() * 60);
  const iso = new Date(START_DAY + day * DAY_MS).toISOString().slice(0, 10);
  return { date: iso, time: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}` };
}

function sentimentOf(rating, scale) {
  if (scale.min === 0 && scale.max === 10) return rating <= 6 ? "neg" : rating <= 8 ? "neu" : "pos";
  const s = (rating - scale.min) / (scale.max - scale.min);
  return s < 0.4 ? "neg" : s < 0.7 ? "neu" : "pos";
}

function personaFor(hint) {
  if (hint && !chance(0.1)) return PERSONA_BY_KEY[hint];
  if (chance(0.09)) return null;
  return weighted(personas.map((p) => [p.id, p.share]));
}

function commentFor(stage, sentiment) {
  const [text, tpKey, themes = [], personaHint] = pick(COMMENTS[stage][sentiment]);
  let tail = text.includes("\n") ? "" : pick(TAILS[sentiment]);
  if (tail === "ORDER") tail = ` Order NW-${40000 + Math.floor(random() * 60000)}.`;
  return { text: text + tail, tpKey, themes, personaHint };
}

const SCALE_5 = { min: 1, max: 5 };
const SCALE_NPS = { min: 0, max: 10 };
const SCALE_CES = { min: 1, max: 7 };

const rows = [];
for (const { key: stage } of STAGES) {
  for (let i = 0; i < ROWS_PER_STAGE[stage]; i++) {
    // What kind of answer: text only, NPS (0–10), CES (1–7) or stars/CSAT (1–5).
    let form;
    if (chance(0.09)) form = "text";
    else if (NPS[stage] && chance(stage === "advocacy" ? 0.5 : 0.12)) form = "nps";
    else if (CES[stage] && chance(stage === "checkout" ? 0.09 : 0.05)) form = "ces";
    else form = "stars";

    let rating = null;
    let scale = null;
    let kind;
    let source;
    let sentiment;
    if (form === "text") {
      sentiment = weighted(TEXT_ONLY_SENTIMENT[stage]);
      [kind, source] = weighted(TEXT_ONLY_SOURCES);
    } else {
      if (form === "nps") {
        scale = SCALE_NPS;
        rating = weightedIndex(NPS[stage]);
        [kind, source] = ["survey", "NPS survey"];
      } else if (form === "ces") {
        scale = SCALE_CES;
        rating = 1 + weightedIndex(CES[stage]);
        [kind, source] = ["survey", stage === "checkout" ? "Checkout ease survey (CES)" : "Support effort survey (CES)"];
      } else {
        scale = SCALE_5;
        rating = 1 + weightedIndex(STARS[stage]);
        [kind, source] = weighted(RATED_SOURCES[stage]);
      }
      sentiment = sentimentOf(rating, scale);
    }

    // Rated answers often come without a comment; text-only ones always have one.
    const silent = form !== "text" && chance(form === "stars" ? 0.12 : 0.2);
    let text = "";
    let themes = [];
    let tpKey = null;
    let personaHint;
    if (silent) {
      tpKey = pick(TOUCHPOINTS[stage])[0];
    } else {
      ({ text, tpKey, themes, personaHint } = commentFor(stage, sentiment));
      if (tpKey === null && chance(0.4)) tpKey = pick(TOUCHPOINTS[stage])[0];
    }
    if (tpKey !== null && chance(0.04)) tpKey = null; // the survey didn't ask which touchpoint

    // App reviews come from the app stores.
    const tp = tpKey === null ? null : TOUCHPOINTS[stage].find((t) => t[0] === tpKey);
    if (form === "stars" && tp && tp[2] === "app" && chance(0.5)) {
      [kind, source] = ["review", chance(0.55) || text.includes("Apple Pay") ? "App Store" : "Google Play"];
    }
    if (kind === "support" && source === "Zendesk" && tp && tp[2] === "chat") source = "Zendesk chat";

    rows.push({
      stage,
      tpKey,
      personaId: personaFor(personaHint),
      rating,
      scale,
      kind,
      source,
      text,
      themes,
      ...randomTimestamp(),
    });
  }
}

rows.sort((a, b) => (a.date + a.time < b.date + b.time ? -1 : a.date + a.time > b.date + b.time ? 1 : 0));
rows.forEach((row, i) => {
  row.id = `fb_${String(i + 1).padStart(4, "0")}`;
});

const feedback = rows.map((r) => ({
  id: r.id,
  kind: r.kind,
  rating: r.rating,
  scale: r.scale,
  text: r.text,
  date: r.date,
  source: r.source,
  stageId: stageId(r.stage),
  touchpointId: r.tpKey === null ? null : touchpointId(r.stage, r.tpKey),
  personaId: r.personaId,
  // The id the survey tool gave the response, as in sample-feedback.csv.
  responseId: `R-${r.id.slice(3)}`,
}));

// ---------------------------------------------------------------------------------------------
// Pain points, opportunities, KPIs
// ---------------------------------------------------------------------------------------------

const evidenceOf = (stage, theme) => rows.filter((r) => r.stage === stage && r.themes.includes(theme)).map((r) => r.id);

const PAIN_POINTS = [
  {
    id: "pp_promo_code",
    stage: "checkout",
    tp: "web",
    theme: "promo_code",
    title: "Promo code rejected at checkout",
    description: "Codes from emails and creators fail with \"code not valid\" and no reason, mostly because sale items are silently excluded.",
    severity: 4,
    frequency: 4,
    effort: 2,
    confidence: 1,
  },
  {
    id: "pp_shipping_cost",
    stage: "checkout",
    tp: "web",
    theme: "shipping_cost",
    title: "Shipping cost shown only at the last step",
    description: "Shipping cost appears after the full address is typed in; small orders suddenly cost a third more.",
    severity: 3,
    frequency: 5,
    effort: 1,
    confidence: 0.8,
  },
  {
    id: "pp_size_guide",
    stage: "consideration",
    tp: "web",
    theme: "size_guide",
    title: "Size guide doesn't match the real fit",
    description: "Chest and waist only, UK boot sizes, kids' sizes by age: shoppers order two sizes or the wrong one.",
    severity: 3,
    frequency: 4,
    effort: 3,
    confidence: 0.5,
  },
  {
    id: "pp_delivery_window",
    stage: "delivery",
    tp: "courier",
    theme: "delivery_window",
    title: "No delivery window, parcels missed",
    description: "Two of three carriers give only a delivery day; customers stay home or collect the parcel from a depot.",
    severity: 5,
    frequency: 4,
    effort: 4,
    confidence: 0.8,
  },
  {
    id: "pp_tracking_stuck",
    stage: "delivery",
    tp: "email",
    theme: "tracking",
    title: "Tracking stuck on \"label created\"",
    description: "Tracking links in the shipping email show no movement for days, or lead to a 404.",
    severity: 3,
    frequency: null,
    effort: 2,
    confidence: 0.5,
  },
  {
    id: "pp_returns_label",
    stage: "retention",
    tp: "returns",
    theme: "returns_label",
    title: "Returns label has to be printed",
    description: "The returns portal makes a PDF label per carrier; customers without a printer go to a post office.",
    severity: 3,
    frequency: 2,
    effort: 2,
    confidence: 0.8,
  },
  {
    id: "pp_loyalty_points",
    stage: "retention",
    tp: "app",
    theme: "loyalty_points",
    title: "Trail Points missing or expiring unannounced",
    description: "Points are not shown in the app after an order and expire without a reminder.",
    severity: 2,
    frequency: 2,
    effort: 4,
    confidence: 0.5,
  },
  {
    id: "pp_review_timing",
    stage: "advocacy",
    tp: "review",
    theme: "review_timing",
    title: "Review request arrives before the parcel",
    description: "The review email is sent two days after dispatch, often before delivery, and repeated up to four times.",
    severity: 2,
    frequency: null,
    effort: 1,
    confidence: 1,
  },
];

const painPoints = PAIN_POINTS.map((p) => ({
  id: p.id,
  stageId: stageId(p.stage),
  touchpointId: touchpointId(p.stage, p.tp),
  title: p.title,
  description: p.description,
  severity: p.severity,
  frequency: p.frequency,
  effort: p.effort,
  confidence: p.confidence,
  reach: null,
  ice: null,
  evidence: evidenceOf(p.stage, p.theme),
}));

const opportunities = [
  {
    id: "opp_promo_messages",
    stageId: stageId("checkout"),
    painPointId: "pp_promo_code",
    title: "Say why a promo code fails and which items it covers",
    description: "Replace \"code not valid\" with the reason (sale items, minimum spend, expiry) and mark eligible items in the cart.",
    status: "in progress",
    owner: "Checkout squad",
  },
  {
    id: "opp_shipping_upfront",
    stageId: stageId("checkout"),
    painPointId: "pp_shipping_cost",
    title: "Show the shipping cost in the cart and on product pages",
    description: "Estimate shipping from the ZIP code the browser or account already knows, before checkout starts.",
    status: "planned",
    owner: "Checkout squad",
  },
  {
    id: "opp_fit_finder",
    stageId: stageId("consideration"),
    painPointId: "pp_size_guide",
    title: "Fit finder from customers' height, weight and usual size",
    description: "Recommend a size from what similar customers kept, with inseam, arm length and kids' heights in the guide.",
    status: "idea",
    owner: "Product content team",
  },
  {
    id: "opp_delivery_slots",
    stageId: stageId("delivery"),
    painPointId: "pp_delivery_window",
    title: "Two-hour delivery slots with a morning-of SMS",
    description: "Require time slots in the next carrier contract; offer lockers and pickup points at checkout meanwhile.",
    status: "idea",
    owner: "Logistics & carriers",
  },
  {
    id: "opp_qr_returns",
    stageId: stageId("retention"),
    painPointId: "pp_returns_label",
    title: "QR-code returns at drop-off points",
    description: "No printer needed: show a QR code in the returns portal and app, scanned at the drop-off point. Live since September.",
    status: "done",
    owner: "Customer care",
  },
];

const kpi = (id, stage, name, unit, direction, target, baseline, current, history) => ({
  id,
  stageId: stageId(stage),
  name,
  unit,
  direction,
  target,
  baseline,
  current,
  history: history.map(([date, value]) => ({ date, value })),
});
const kpis = [
  kpi("kpi_awareness_ctr", "awareness", "Ad click-through rate", "%", "higher", 1.8, 1.2, 1.9, [
    ["2026-07-01", 1.4],
    ["2026-08-01", 1.7],
    ["2026-09-01", 1.8],
    ["2026-10-01", 1.9],
  ]),
  kpi("kpi_consideration_add_to_cart", "consideration", "Add-to-cart rate", "%", "higher", 9, 6.5, 7.2, [
    ["2026-07-01", 6.6],
    ["2026-08-01", 6.9],
    ["2026-09-01", 7.0],
    ["2026-10-01", 7.2],
  ]),
  kpi("kpi_checkout_abandonment", "checkout", "Cart abandonment", "%", "lower", 65, 78, 74, [
    ["2026-07-01", 77.5],
    ["2026-08-01", 76.1],
    ["2026-09-01", 74.8],
    ["2026-10-01", 74],
  ]),
  kpi("kpi_checkout_payment", "checkout", "Payment completion", "%", "higher", 97, 93.5, 95.1, [
    ["2026-08-01", 93.9],
    ["2026-09-01", 94.6],
    ["2026-10-01", 95.1],
  ]),
  kpi("kpi_delivery_on_time", "delivery", "On-time delivery", "%", "higher", 95, 88, 90.4, [
    ["2026-07-01", 87.2],
    ["2026-08-01", 86.5],
    ["2026-09-01", 89.8],
    ["2026-10-01", 90.4],
  ]),
  kpi("kpi_delivery_wismo", "delivery", "Where-is-my-order tickets", "per 100 orders", "lower", 3, 6.2, null, [
    ["2026-04-01", 6.4],
    ["2026-05-01", 6.2],
    ["2026-06-01", 6.0],
  ]),
  kpi("kpi_retention_repeat", "retention", "Repeat purchase rate (90 days)", "%", "higher", 30, 22, 28.1, [
    ["2026-07-01", 23.4],
    ["2026-08-01", 25.0],
    ["2026-09-01", 26.7],
    ["2026-10-01", 28.1],
  ]),
  kpi("kpi_advocacy_nps", "advocacy", "NPS", "points", "higher", 45, 31, 41, [
    ["2026-07-01", 33],
    ["2026-08-01", 36],
    ["2026-09-01", 38],
    ["2026-10-01", 41],
  ]),
];

// ---------------------------------------------------------------------------------------------
// The model
// ---------------------------------------------------------------------------------------------

const LANE_BY_NOTE_KIND = { actions: "lane_actions", thoughts: "lane_thoughts", backstage: "lane_backstage" };
const notes = [];
for (const { key } of STAGES) {
  for (const [kind, texts] of Object.entries(NOTES[key])) {
    texts.forEach((text, i) => {
      notes.push({ id: `note_${key}_${kind}_${i + 1}`, laneId: LANE_BY_NOTE_KIND[kind], stageId: stageId(key), text });
    });
  }
}

const map = {
  schemaVersion: 2,
  id: "map_northwind_online_order",
  title: TITLE,
  state: "current",
  scope,
  personas,
  stages: STAGES.map((s) => ({ id: stageId(s.key), name: s.name, objective: s.objective, emotion: s.emotion })),
  touchpoints: STAGES.flatMap(({ key }) =>
    TOUCHPOINTS[key].map(([tpKey, name, channel, digital, importance]) => ({
      id: touchpointId(key, tpKey),
      stageId: stageId(key),
      name,
      channel,
      digital,
      importance,
    })),
  ),
  lanes: LANES,
  notes,
  feedback,
  painPoints,
  opportunities,
  kpis,
  settings: { scoring: "impact-effort", gapThreshold: 0.5, backedResponses: 30 },
  rejectedSuggestions: [],
};

// ---------------------------------------------------------------------------------------------
// The CSV: 1–5 and text-only rows as a survey tool exports them, plus three bad rows
// ---------------------------------------------------------------------------------------------

const stageName = Object.fromEntries(map.stages.map((s) => [s.id, s.name]));
const tpName = Object.fromEntries(map.touchpoints.map((t) => [t.id, t.name]));
const personaName = Object.fromEntries(personas.map((p) => [p.id, p.name]));

function csvCell(value) {
  const s = String(value);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const HEADERS = ["Response ID", "Submitted At", "Stage", "Touchpoint", "Customer segment", "Rating", "Comment", "Source"];
const csvRows = rows
  .filter((r) => r.scale === null || (r.scale.min === 1 && r.scale.max === 5))
  .map((r) => {
    const f = feedback.find((x) => x.id === r.id);
    return [
      `R-${r.id.slice(3)}`,
      `${r.date} ${r.time}`,
      stageName[f.stageId],
      f.touchpointId ? tpName[f.touchpointId] : "",
      f.personaId ? personaName[f.personaId] : "",
      r.rating === null ? "" : String(r.rating),
      r.text,
      r.source,
    ];
  });
const csvFeedbackRows = csvRows.length;

/** Three deliberately bad rows, placed among the others with their neighbour's timestamp, so an import reports them. */
const BAD_ROWS = [
  // a word where a number belongs
  [0.12, ["R-0501", "Checkout", "Web checkout", "Priya Shah", "high", "Promo code rejected again, third time this month.", "Website feedback form"]],
  // off the 1–5 scale
  [0.48, ["R-0502", "Delivery", "Courier delivery", "Maya Lindqvist", "7", "Came a day early, great.", "Delivery survey (SMS)"]],
  // a stage the map doesn't have
  [0.81, ["R-0503", "Post-trip", "", "Daniel Okafor", "4", "Tent held up in 50 mph gusts on the ridge.", "Post-purchase survey"]],
];
for (const [at, [responseId, ...rest]] of [...BAD_ROWS].reverse()) {
  const index = Math.floor(csvRows.length * at);
  csvRows.splice(index, 0, [responseId, csvRows[index - 1][1], ...rest]);
}

const csv = [HEADERS, ...csvRows].map((cells) => cells.map(csvCell).join(",")).join("\r\n") + "\r\n";

// ---------------------------------------------------------------------------------------------
// Write, and print a summary
// ---------------------------------------------------------------------------------------------

const here = (name) => new URL(name, import.meta.url);
writeFileSync(here("sample-journey.json"), JSON.stringify(map, null, 2) + "\n");
writeFileSync(here("sample-feedback.csv"), csv);

const count = (list, fn) => list.filter(fn).length;
console.log(`sample-journey.json: ${feedback.length} feedback rows`);
console.log(`  1–5: ${count(feedback, (f) => f.scale?.max === 5)}, 0–10: ${count(feedback, (f) => f.scale?.max === 10)}, 1–7: ${count(feedback, (f) => f.scale?.max === 7)}, text only: ${count(feedback, (f) => f.rating === null)}`);
console.log(`  no touchpoint: ${count(feedback, (f) => f.touchpointId === null)}, no persona: ${count(feedback, (f) => f.personaId === null)}, no text: ${count(feedback, (f) => f.text === "")}`);
for (const s of map.stages) {
  const rated5 = feedback.filter((f) => f.stageId === s.id && f.scale?.max === 5);
  const mean = rated5.reduce((sum, f) => sum + f.rating, 0) / rated5.length;
  console.log(`  ${s.name}: ${count(feedback, (f) => f.stageId === s.id)} rows, mean 1–5 rating ${mean.toFixed(2)}`);
}
console.log(`sample-feedback.csv: ${csvFeedbackRows} feedback rows + ${BAD_ROWS.length} bad rows`);
for (const p of painPoints) {
  const stageRows = count(feedback, (f) => f.stageId === p.stageId);
  const frequency = p.frequency ?? Math.min(5, Math.floor((p.evidence.length / stageRows) * 5) + 1);
  const impact = (p.severity + frequency) / 2;
  const quadrant = impact >= 3 ? (p.effort < 3 ? "quick win" : "major project") : p.effort < 3 ? "fill-in" : "thankless";
  const derived = p.frequency === null ? " (derived)" : "";
  console.log(`  ${p.id}: evidence ${p.evidence.length}, impact ${impact}${derived}, effort ${p.effort} → ${quadrant}`);
}
