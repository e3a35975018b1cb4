export type InvitationStatus = 'active' | 'expired' | 'exhausted';

export interface Invitation {
  id: number;
  name: string;
  maxUses: number;
  usedCount: number;
  remaining: number;
  expiresAt: string;
  status: InvitationStatus;
  token: string | null;
  url: string | null;
  role: { id: number; name: string } | null;
  createdAt: string;
  createdBy: { id: number; firstname: string | null; lastname: string | null; email: string } | null;
}

export interface Redemption {
  user: { id: number; username: string; email: string } | null;
  redeemedAt: string;
}

export interface InvitationDetail extends Invitation {
  redemptions: Redemption[];
}

export interface Pagination {
  page: number;
  pageSize: number;
  pageCount: number;
  total: number;
}

export interface AssignableRole {
  id: number;
  name: string;
  description: string | null;
  type: string;
  isDefault: boolean;
}

export interface InvitationInput {
  name: string;
  maxUses: number;
  expiresAt: string;
  role: number | null;
}

export interface ListParams {
  page: number;
  pageSize: number;
  sort: string;
  q?: string;
}
