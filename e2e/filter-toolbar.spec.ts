import { expect, type Page, test } from "@playwright/test";
import { approvalCallback, kstCompact, kstDate, postCallback, uniqueId } from "./fixtures";
import { listPages } from "./support/pages";
import { viewportAt, widths } from "./support/viewports";

// The one filter toolbar on every list page, at a phone's width and a desktop's (issue 21, the
// toolbar items): whole labels in every select, nothing pushed sideways, the buttons one height
// on one line, and a reversed date range put in order with one note.

/** Opens the conditions a phone folds away, so that every control is measured. */
async function unfold(page: Page) {
  const more = page.getByRole("button", { name: /^조건 더 보기/ });
  if (await more.isVisible()) await more.click();
}

/** Each select option whose label is wider than the select can show, as "label (needs/has px)". */
function clippedOptions(page: Page) {
  return page.locator("search select").evaluateAll((selects) => {
    const context = document.createElement("canvas").getContext("2d");
    if (!context) throw new Error("no canvas");
    // The native arrow takes about 20 px of the box beside the padding.
    const arrow = 20;
    return (selects as HTMLSelectElement[]).flatMap((select) => {
      const style = getComputedStyle(select);
      context.font = style.font;
      const room =
        select.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight) - arrow;
      return [...select.options]
        .map((option) => ({ label: option.text, needs: Math.ceil(context.measureText(option.text).width) }))
        .filter((option) => option.needs > room)
        .map((option) => `${select.id}: ${option.label} (${option.needs}/${Math.floor(room)} px)`);
    });
  });
}

/** Every element of the toolbar that reaches past the toolbar's right edge or the window's. */
function overflowingParts(page: Page) {
  return page.locator("search").evaluate((toolbar) => {
    const right = Math.min(toolbar.getBoundingClientRect().right, window.innerWidth);
    return [toolbar, ...toolbar.querySelectorAll("*")]
      .filter((element) => element.getClientRects().length > 0 && element.getBoundingClientRect().right > right + 0.5)
      .map((element) => `${element.tagName.toLowerCase()}#${element.id} ${element.textContent?.slice(0, 20) ?? ""}`);
  });
}

for (const width of widths) {
  test.describe(`at ${width}px`, () => {
    test.use({ viewport: viewportAt(width) });

    for (const [name, path] of Object.entries(listPages)) {
      test(`${name}: every select shows whole labels and the toolbar stays inside the page`, async ({ page }) => {
        await page.goto(path);
        await unfold(page);
        expect(await clippedOptions(page)).toEqual([]);
        expect(await overflowingParts(page)).toEqual([]);
      });
    }

    test("approvals: 조건 초기화 stays on one line and the three buttons are one height", async ({ page }) => {
      await page.goto("/approvals");
      const buttons = [
        page.getByRole("button", { name: "조건 초기화" }),
        page.getByRole("link", { name: "CSV 내보내기" }),
        page.getByRole("link", { name: "엑셀 다운로드" }),
      ];
      const boxes = await Promise.all(buttons.map(async (button) => (await button.boundingBox()) ?? { height: 0 }));
      const lineHeight = await buttons[0].evaluate((button) => Number.parseFloat(getComputedStyle(button).lineHeight));
      for (const box of boxes) {
        expect(box.height).toBeCloseTo(boxes[0].height, 0);
        // One line of text and its padding, not two lines.
        expect(box.height).toBeLessThan(lineHeight * 2);
      }
    });

    test("approvals: a start date after the end date swaps into order with one note", async ({ page, request }) => {
      const billId = uniqueId("SWP", 20);
      await postCallback(request, "approval", approvalCallback({ billId, apprDt: kstCompact(5) }));
      const [earlier, later] = [kstDate(10), kstDate(2)];
      await page.goto(`/approvals?billId=${billId}`);
      await unfold(page);
      await page.getByLabel("승인일 끝 (KST)").fill(earlier);
      await page.getByLabel("승인일 시작 (KST)").fill(later);
      // Moving between the two days keeps the pair as typed; leaving the pair puts it in order.
      await page.getByLabel("승인일 끝 (KST)").focus();
      await expect(page.getByLabel("승인일 시작 (KST)")).toHaveValue(later);
      await page.getByRole("heading", { name: "결제 승인" }).click();

      await expect(page.getByLabel("승인일 시작 (KST)")).toHaveValue(earlier);
      await expect(page.getByLabel("승인일 끝 (KST)")).toHaveValue(later);
      await page.waitForURL((url) => url.searchParams.get("from") === earlier && url.searchParams.get("to") === later);
      await expect(page.getByRole("link", { name: billId }).first()).toBeVisible();
      await expect(page.getByText(/시작일이 종료일보다 늦어/)).toHaveCount(1);
      await expect(page.getByText("주소의 일부 조건을 사용하지 않았습니다.")).toHaveCount(0);
    });

    test("approvals: a reversed range in the address is shown in order with one note", async ({ page }) => {
      const [earlier, later] = [kstDate(10), kstDate(2)];
      await page.goto(`/approvals?from=${later}&to=${earlier}`);
      await unfold(page);
      await expect(page.getByLabel("승인일 시작 (KST)")).toHaveValue(earlier);
      await expect(page.getByLabel("승인일 끝 (KST)")).toHaveValue(later);
      await expect(page.getByText(/시작일이 종료일보다 늦어/)).toHaveCount(1);
      await expect(page.getByText("주소의 일부 조건을 사용하지 않았습니다.")).toHaveCount(0);
    });
  });
}
