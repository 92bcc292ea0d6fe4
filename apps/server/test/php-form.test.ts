import { encodePhpForm } from "@comptoir/hiboutik-sim";
import { describe, expect, it } from "vitest";
import { PhpFormError, parsePhpForm } from "../src/webhooks/php-form.ts";

describe("PHP bracket forms", () => {
  it("reads nesting, lists and appends the way PHP fills $_POST", () => {
    expect(parsePhpForm("a=1&b[c]=2&b[d][0]=x&b[d][1]=y&e[]=p&e[]=q&f[2]=z")).toEqual({
      a: "1",
      b: { c: "2", d: ["x", "y"] },
      e: ["p", "q"],
      f: { 2: "z" },
    });
  });

  it("reads what the simulator (http_build_query) writes", () => {
    const sale = {
      sale_id: 12,
      line_items: [
        { product_id: 30, product_model: "Tee & Co", quantity: 1 },
        { product_id: 31, product_model: "Mug = 1€", quantity: 2 },
      ],
      taxes: [{ tax_value: "0.20000" }],
      closed: true,
    };
    expect(parsePhpForm(encodePhpForm(sale))).toEqual({
      sale_id: "12",
      line_items: [
        { product_id: "30", product_model: "Tee & Co", quantity: "1" },
        { product_id: "31", product_model: "Mug = 1€", quantity: "2" },
      ],
      taxes: [{ tax_value: "0.20000" }],
      closed: "1",
    });
  });

  it("keeps malformed names whole and never touches prototypes", () => {
    const parsed = parsePhpForm("a[b=1&__proto__[polluted]=1&x[constructor][y]=2&ok=1");
    expect(parsed).toEqual({ "a[b": "1", ok: "1" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses bodies nested too deep or with too many fields", () => {
    expect(() => parsePhpForm(`a${"[x]".repeat(7)}=1`)).toThrow(PhpFormError);
    const many = Array.from({ length: 2001 }, (_, i) => `f${i}=1`).join("&");
    expect(() => parsePhpForm(many)).toThrow(/more than 2000 fields/);
  });
});
