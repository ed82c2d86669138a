import type { Random } from "./random";

// Korean business facts the simulator draws from: business registration numbers, the kinds of
// businesses that bill through PaySsam (academies, clinics, apartment offices, gyms), branches.

// 사업자등록번호 check digit: weights 1,3,7,1,3,7,1,3,5 on the first nine digits, plus the
// tens digit of (9th digit × 5); the tenth digit makes the total a multiple of ten.
const BUSINESS_NUMBER_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];

function businessNumberCheckDigit(firstNine: string): number {
  const digits = [...firstNine].map(Number);
  const sum =
    digits.reduce((total, digit, index) => total + digit * BUSINESS_NUMBER_WEIGHTS[index], 0) +
    Math.floor((digits[8] * 5) / 10);
  return (10 - (sum % 10)) % 10;
}

export function isValidBusinessNumber(value: string): boolean {
  const digits = value.replaceAll("-", "");
  return /^\d{10}$/.test(digits) && businessNumberCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

// The first three digits name the tax office (세무서) that registered the business.
const TAX_OFFICE_CODES = [
  "101",
  "104",
  "105",
  "106",
  "107",
  "108",
  "109",
  "110",
  "113",
  "114",
  "119",
  "120",
  "124",
  "129",
  "130",
  "131",
  "134",
  "135",
  "137",
  "138",
  "140",
  "142",
  "144",
  "201",
  "206",
  "211",
  "214",
  "215",
  "220",
  "305",
  "314",
  "410",
  "502",
  "506",
  "603",
  "605",
  "617",
  "621",
];

/**
 * A valid number; the middle two digits say what kind of business it is:
 * 01–79 individual (과세), 81/86/87/88 corporation head office, 82 non-profit, 90–99 individual tax-exempt.
 */
export function generateBusinessNumber(random: Random, kind: "individual" | "corporation" | "nonprofit" | "exempt") {
  const middle =
    kind === "corporation"
      ? random.pick(["81", "86", "87", "88"])
      : kind === "nonprofit"
        ? "82"
        : kind === "exempt"
          ? String(random.int(90, 99))
          : String(random.int(1, 79)).padStart(2, "0");
  const firstNine = `${random.pick(TAX_OFFICE_CODES)}${middle}${random.digits(4)}`;
  return `${firstNine}${businessNumberCheckDigit(firstNine)}`;
}

export type Industry = "academy" | "clinic" | "apartment" | "fitness" | "childcare" | "office";

interface IndustryProfile {
  /** memberId prefix, as partners' own user codes often carry the line of business. */
  memberPrefix: string;
  suffixes: readonly string[];
  corporationShare: number;
  /** Typical bill in won (the median of a log-normal spread). */
  medianBill: number;
  weight: number;
}

export const industries: Record<Industry, IndustryProfile> = {
  academy: {
    memberPrefix: "edu",
    suffixes: ["교육", "수학학원", "영어학원", "어학원", "피아노학원", "미술학원", "태권도", "독서논술", "코딩학원"],
    corporationShare: 0.25,
    medianBill: 240_000,
    weight: 34,
  },
  clinic: {
    memberPrefix: "clinic",
    suffixes: ["의원", "마음의원", "치과의원", "한의원", "정형외과의원", "소아청소년과의원", "피부과의원", "동물병원"],
    corporationShare: 0.1,
    medianBill: 28_000,
    weight: 22,
  },
  apartment: {
    memberPrefix: "apt",
    suffixes: ["아파트 관리사무소", "오피스텔 관리단", "주상복합 관리사무소"],
    corporationShare: 0.05,
    medianBill: 180_000,
    weight: 12,
  },
  fitness: {
    memberPrefix: "fit",
    suffixes: ["필라테스", "헬스클럽", "요가", "크로스핏", "수영장", "골프아카데미"],
    corporationShare: 0.2,
    medianBill: 150_000,
    weight: 16,
  },
  childcare: {
    memberPrefix: "kids",
    suffixes: ["어린이집", "유치원", "키즈카페", "놀이학교"],
    corporationShare: 0.1,
    medianBill: 120_000,
    weight: 8,
  },
  office: {
    memberPrefix: "biz",
    suffixes: ["세무회계", "법무사사무소", "공인중개사사무소", "인테리어", "렌탈", "정수기"],
    corporationShare: 0.45,
    medianBill: 88_000,
    weight: 8,
  },
};

const NAME_WORDS = [
  "해오름",
  "바른",
  "푸른솔",
  "한빛",
  "새싹",
  "다온",
  "미래",
  "온누리",
  "하늘",
  "별빛",
  "으뜸",
  "늘봄",
  "나래",
  "가온",
  "소망",
  "참좋은",
  "열린",
  "한결",
  "우리",
  "청담",
  "서울",
  "초록",
  "햇살",
  "누리",
  "다솜",
  "세움",
  "이음",
  "도담",
  "채움",
  "맑은샘",
  "튼튼",
  "행복한",
  "좋은",
  "큰나무",
  "솔향",
];

interface Branch {
  name: string | null;
  slug: string;
}

const BRANCHES: readonly Branch[] = [
  { name: "본점", slug: "main" },
  { name: "강남점", slug: "gangnam" },
  { name: "대치점", slug: "daechi" },
  { name: "잠실점", slug: "jamsil" },
  { name: "목동점", slug: "mokdong" },
  { name: "분당", slug: "bundang" },
  { name: "판교점", slug: "pangyo" },
  { name: "일산점", slug: "ilsan" },
  { name: "수원점", slug: "suwon" },
  { name: "광교점", slug: "gwanggyo" },
  { name: "동탄점", slug: "dongtan" },
  { name: "송도점", slug: "songdo" },
  { name: "해운대점", slug: "haeundae" },
  { name: "서면점", slug: "seomyeon" },
  { name: "둔산점", slug: "dunsan" },
  { name: "수성점", slug: "suseong" },
  { name: "상무점", slug: "sangmu" },
  { name: null, slug: "store" },
];

export interface SimulatedCompany {
  industry: Industry;
  companyName: string;
  branchName: string | null;
  branchSlug: string;
  businessNumber: string;
  corporation: boolean;
}

export function generateCompany(random: Random, industry?: Industry): SimulatedCompany {
  const chosen =
    industry ??
    random.weighted(Object.entries(industries).map(([name, profile]) => [name as Industry, profile.weight] as const));
  const profile = industries[chosen];
  const corporation = random.chance(profile.corporationShare);
  const base = `${random.pick(NAME_WORDS)}${random.pick(profile.suffixes)}`;
  const companyName = corporation
    ? random.weighted([
        [`(주)${base}`, 3],
        [`주식회사 ${base}`, 1],
      ] as const)
    : base;
  const branch = random.pick(BRANCHES);
  const taxExempt = chosen === "clinic" || chosen === "childcare";
  return {
    industry: chosen,
    companyName,
    branchName: branch.name,
    branchSlug: branch.slug,
    businessNumber: generateBusinessNumber(
      random,
      corporation ? "corporation" : chosen === "apartment" ? "nonprofit" : taxExempt ? "exempt" : "individual",
    ),
    corporation,
  };
}

/** Reasons PaySsam's reviewers give when they reject an application (R 반려). */
export const rejectionMessages = [
  "업종 정보가 사업자등록증과 일치하지 않아 반려되었습니다.",
  "대표자 명의와 정산 계좌 예금주가 일치하지 않아 반려되었습니다.",
  "휴업 또는 폐업 상태의 사업자로 확인되어 반려되었습니다.",
  "카드사 가맹 심사 결과 취급 불가 업종으로 분류되어 반려되었습니다.",
  "제출하신 사업장 주소지에서 영업 사실을 확인할 수 없어 반려되었습니다.",
  "동일 사업자번호로 이미 개시된 가맹점이 있어 반려되었습니다.",
] as const;

/** What PaySsam's reviewers ask for when documents are missing (S 서류보완). */
export const documentRequestMessages = [
  "사업자등록증 사본이 흐릿합니다. 선명한 사본을 다시 제출해 주세요.",
  "정산 계좌 통장 사본을 제출해 주세요.",
  "대표자 신분증 사본의 뒷자리가 가려지지 않았습니다. 주민등록번호 뒷자리를 가린 사본을 다시 제출해 주세요.",
  "법인 인감증명서(최근 3개월 이내 발급분)를 추가로 제출해 주세요.",
  "의료기관 개설 신고증 사본을 제출해 주세요.",
  "학원 설립·운영 등록증 사본을 제출해 주세요.",
  "임대차 계약서 사본을 제출해 주세요.",
] as const;
